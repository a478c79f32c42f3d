import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redact } from "../src/redact.js";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

describe("redaction", () => {
  it("hides the body of a PEM private key and keeps the line count", () => {
    const text = `const key = \`-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n${KEY_BODY}\n-----END PRIVATE KEY-----\`;\nnext();`;
    const out = redact(text);
    assert.ok(!out.includes(KEY_BODY));
    assert.equal(out.split("\n").length, text.split("\n").length);
    assert.match(out, /-----BEGIN PRIVATE KEY-----\[redacted\]\n\n\n-----END PRIVATE KEY-----/);
  });

  it("shortens long base64 to its first 8 characters and its length", () => {
    assert.equal(redact(`x = "${KEY_BODY}";`), `x = "MIIEvQIB…[redacted, ${KEY_BODY.length} chars]";`);
  });

  it("hides values of names like password, secret, token and apiKey", () => {
    assert.equal(redact(`const password = "hunter2"; const cfg = { apiKey: 'k-123', clientSecret: "s" };`), `const password = "[redacted]"; const cfg = { apiKey: '[redacted]', clientSecret: "[redacted]" };`);
    assert.equal(redact(`{ "refreshToken": "abc.def" }`), `{ "refreshToken": "[redacted]" }`);
  });

  it("hides every quoted value on a line that assigns a secret name, whatever the quotes", () => {
    assert.equal(redact(`const apiKey = process.env.ANAPLAN_KEY ?? "sk-4eC39HqLyjWDa";`), `const apiKey = process.env.ANAPLAN_KEY ?? "[redacted]";`);
    assert.equal(redact(`const password = "it's-hunter2";`), `const password = "[redacted]";`);
    assert.equal(redact(`password: ("x y")`), `password: ("[redacted]")`);
    assert.equal(redact(`"raw": "{\\"password\\": \\"Hunter2-Winter!\\"}"`), `"raw": "{\\"password\\": \\"[redacted]\\"}"`);
  });

  it("hides a secret whose value is on the line after its name", () => {
    assert.equal(redact(`const password =\n  "hunter2-Winter";\nnext("plain");`), `const password =\n  "[redacted]";\nnext("plain");`);
  });

  it("hides the value of a Postman variable named like a secret, compact or pretty-printed", () => {
    assert.equal(redact(`{"key":"password","value":"hunter2"},{"key":"EncodedData","value":"abc"}`), `{"key":"password","value":"[redacted]"},{"key":"EncodedData","value":"abc"}`);
    assert.equal(redact(`{\n  "key": "clientSecret",\n  "value": "s3cr3t",\n  "type": "secret"\n}`), `{\n  "key": "clientSecret",\n  "value": "[redacted]",\n  "type": "secret"\n}`);
    assert.equal(redact(`{ "key": "baseUrl", "value": "https://auth.anaplan.com" }`), `{ "key": "baseUrl", "value": "https://auth.anaplan.com" }`);
  });

  it("keeps a field's schema or type, and still hides a secret later on the line", () => {
    assert.equal(redact(`"tokenValue": { "type": "string" }`), `"tokenValue": { "type": "string" }`);
    assert.equal(redact(`refreshToken: yup.string().required("refresh token missing"),`), `refreshToken: yup.string().required("refresh token missing"),`);
    assert.equal(redact(`const c = { credentials: { password: "hunter2" } };`), `const c = { credentials: { password: "[redacted]" } };`);
  });

  it("hides credentials in URLs and unquoted secret values", () => {
    assert.equal(redact(`"postgres://anaplan:Winter2026Prod@db.example/x?password=hunter3&x=1"`), `"postgres://anaplan:[redacted]@db.example/x?password=[redacted]&x=1"`);
    assert.equal(redact(`x-test-credentials: {user: svc-anaplan, password: Winter2026!Prod}`), `x-test-credentials: {user: svc-anaplan, password: [redacted]}`);
    assert.equal(redact(`  tokenValue: string;`), `  tokenValue: string;`);
    assert.equal(redact(`{ Authorization: "Basic c3ZjOmh1bnRlcjI=" }`), `{ Authorization: "[redacted]" }`);
  });

  it("shortens long hex runs, well-known token formats and split base64 halves", () => {
    const hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assert.equal(redact(`const signingKey = k("${hex}");`).includes(hex), false);
    const bigint = "3082010a0282010100c2a1b3f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b3c2d1e0f";
    assert.equal(redact(`const k = 0x${bigint}n;`).includes(bigint), false);
    assert.equal(redact(`"value": "aa\\n${hex}\\t${hex}"`).includes(hex.slice(8)), false);
    const gh = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    assert.equal(redact(`const t = "${gh}";`).includes(gh), false);
    const half = KEY_BODY.slice(0, 32);
    assert.equal(redact(`const k = "${half}" + "${KEY_BODY.slice(32)}";`).includes(half), false);
  });

  it("hides key, auth and signature parameters of URLs", () => {
    assert.equal(redact("https://maps.example.com/v1?key=AIzaSyExample&q=x"), "https://maps.example.com/v1?key=[redacted]&q=x");
    assert.equal(redact("/files?auth=s3cr3t"), "/files?auth=[redacted]");
  });

  it("hides secrets named in brackets or passed as a header name, and judges a name by its last part", () => {
    assert.equal(redact('opts["password"] = "hunter2xyz";'), 'opts["password"] = "[redacted]";');
    assert.equal(redact('req.setHeader("Authorization", "Token abcdef");'), 'req.setHeader("Authorization", "[redacted]");');
    assert.equal(redact('const sharedSecretForAndroid = "abc123";'), 'const sharedSecretForAndroid = "[redacted]";');
    assert.equal(redact('const passwordValid = "yes-it-is";'), 'const passwordValid = "[redacted]";');
    // Names whose last part describes the secret hold none.
    assert.equal(redact('const tokenUrl = "https://x/token";'), 'const tokenUrl = "https://x/token";');
    assert.equal(redact('{"key": "tokenUrl", "value": "https://a"}'), '{"key": "tokenUrl", "value": "https://a"}');
  });

  it("hides HTTP credentials by their shape, whatever holds them, and leaves prose alone", () => {
    assert.equal(redact(`"X-Upstream": "Basic dXNlcjpodW50ZXIy"`), `"X-Upstream": "Basic [redacted]"`);
    assert.equal(redact("send('Bearer eyJhbGciOi.x')"), "send('Bearer [redacted]')");
    assert.equal(redact("// Basic authentication gets the same response"), "// Basic authentication gets the same response");
  });

  it("leaves ordinary code alone", () => {
    const code = `import { createSign } from "node:crypto";\nconst veryLongIdentifierNameThatIsNotBase64AtAllReally = 1;\nconst tokenValue: string = body.tokenInfo.tokenValue;\nconst tokenUrl = "https://auth.anaplan.com/token/authenticate";`;
    assert.equal(redact(code), code);
  });

  it("no secret from a scanned file reaches stylish output", () => {
    const dir = writeProject({
      name: "secrets",
      code: `import axios from "axios";
const PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\\n${KEY_BODY}\\n-----END RSA PRIVATE KEY-----";
const password = "correct horse battery staple";
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: "${KEY_BODY}==", encodedSignedData: PRIVATE_KEY, password });
`,
    });
    const r = runCli([], dir);
    assert.equal(r.status, 1);
    assert.ok(r.stdout.includes("[redacted"), r.stdout);
    assert.ok(!r.stdout.includes(KEY_BODY), r.stdout);
    assert.ok(!r.stdout.includes("correct horse"), r.stdout);
  });
});
