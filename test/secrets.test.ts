// Secrets stay secret: a project full of them (a PEM private key, long base64 payloads, passwords, tokens, API
// keys, Authorization headers, URL credentials) scanned with every output format, a dry-run diff and --debug.
// No secret may appear in stdout or stderr of any of them; the redaction marker must.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const KEY_BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0";
const PAYLOAD = "AAAAAGeN3F2q8nXrZk9P0t7yXbLm4WcQa3vJ5sT1uY6iO2pE8rD4fG7hK0lM9nB3vC5xZ1aS6dF8gH2jK4lQ";
const SIGNATURE = "c2lnbmF0dXJlLWJ5dGVzLXRoYXQtYXJlLWxvbmctZW5vdWdoLXRvLWJlLWEtc2VjcmV0LXNpZ25hdHVyZQ";
const SECRETS = {
  privateKey: KEY_BODY,
  payload: PAYLOAD,
  signature: SIGNATURE,
  password: "correct horse battery staple",
  token: "tok_9f8e7d6c5b4a39281706",
  apiKey: "AKIA-EXAMPLE-KEY-0011223344",
  secret: "s3cr3t-value-never-print",
  authorization: "Basic dXNlcjpodW50ZXIy",
  certificateHeader: "CACertificate MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa",
  urlPassword: "hunter2urlpass",
};

const CODE = `import axios from "axios";
const PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\\n${KEY_BODY}\\n-----END RSA PRIVATE KEY-----";
const password = "${SECRETS.password}";
const apiKey = "${SECRETS.apiKey}";
const config = { token: "${SECRETS.token}", secret: "${SECRETS.secret}" };
const proxy = "https://admin:${SECRETS.urlPassword}@proxy.example.com";
await axios.post("https://auth.anaplan.com/token/authenticate",
  { encodedData: "${PAYLOAD}", encodedSignedData: "${SIGNATURE}" },
  { headers: { Authorization: "${SECRETS.certificateHeader}", "X-Basic": "${SECRETS.authorization}" } });
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: "${PAYLOAD}", encodedSignedData: "${SIGNATURE}" }, { headers: { Authorization: "${SECRETS.authorization}" } });
`;
const STORED = JSON.stringify({ encodedData: PAYLOAD, encodedSignedData: SIGNATURE, password: SECRETS.password }, null, 2);

function leaks(text: string): string[] {
  return Object.entries(SECRETS).filter(([, value]) => text.includes(value)).map(([name]) => name);
}

describe("no secret from a scanned file reaches any output", () => {
  const runs: [string, string[]][] = [
    ["stylish", []],
    ["json", ["--format", "json"]],
    ["sarif", ["--format", "sarif"]],
    ["github", ["--format", "github"]],
    ["gitlab", ["--format", "gitlab"]],
    ["junit", ["--format", "junit"]],
    ["compact", ["--format", "compact"]],
    ["the --fix-dry-run diff", ["--fix-dry-run"]],
    ["the --fix-dry-run JSON", ["--fix-dry-run", "--format", "json"]],
    ["--debug", ["--debug", "--format", "json"]],
    ["--report-unused-disable and --print-config", ["--report-unused-disable"]],
  ];
  for (const [name, args] of runs) {
    it(name, () => {
      const dir = writeProject({ name: "secrets", files: { "src/login.ts": CODE, "stored.json": STORED, "src/replay.js": `const s = require("../stored.json");\nfetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify(s) });\n` } });
      const r = runCli([...args, "."], dir);
      assert.ok(r.status === 1, `${name}: exit ${r.status}: ${r.stderr}`);
      assert.deepEqual(leaks(r.stdout + r.stderr), [], `${name} printed a secret`);
      assert.ok(r.stdout.length > 200, "something was reported");
    });
  }

  it("the redaction marker shows where secrets were, with the first 8 characters and the length of payloads", () => {
    const dir = writeProject({ name: "secrets-marker", files: { "src/login.ts": CODE } });
    const r = runCli([], dir);
    assert.match(r.stdout, /\[redacted/);
    assert.ok(r.stdout.includes(PAYLOAD.slice(0, 8)), "a payload is shown by its first 8 characters");
  });
});
