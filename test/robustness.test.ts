// Inputs that once made the analysis exponential or recursive without end. Each must finish with its
// findings; the timeout only turns a hang into a failure, it measures nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const SEND = `fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: a0, encodedSignedData: "x" }) });`;

function scan(files: Record<string, string>) {
  const r = runCli(["--format", "json", "."], writeProject({ name: "hostile", files }));
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[]; notices: { kind: string }[] };
}

describe("analysis terminates", { timeout: 60_000 }, () => {
  it("modules that export * from each other", () => {
    const out = scan({
      "a.ts": `import { x } from "./b";\nexport * from "./b";\nexport const y = x;\n`,
      "b.ts": `import { y } from "./a";\nexport * from "./a";\nexport const x = y;\n`,
      "login.ts": `import { x } from "./a";\nconst a0 = x;\n${SEND}\n`,
    });
    assert.ok(out.findings.some((f) => f.file === "login.ts" && f.ruleId === "encoded-data-format"));
  });

  it("a module that re-exports itself", () => {
    const out = scan({ "s.ts": `export * from "./s";\nexport { encodedData } from "./s";\nimport { encodedData } from "./s";\nconst a0 = encodedData;\n${SEND}\n` });
    assert.ok(out.findings.some((f) => f.ruleId === "encoded-data-format"));
  });

  it("a chain of conditionals that doubles at every step", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `const a${i} = c ? a${i + 1} : a${i + 1};`);
    const out = scan({ "chain.ts": `const a30 = "AAAAAAAA";\n${lines.reverse().join("\n")}\n${SEND}\n` });
    assert.ok(out.findings.some((f) => f.ruleId === "static-encoded-data"));
  });

  it("let variables assigned many times from each other", () => {
    const lines = Array.from({ length: 14 }, (_, i) => `let a${i} = a${i + 1}; a${i} = a${i + 1}; a${i} = a${i + 1}; a${i} = a${i + 1};`);
    const out = scan({ "lets.ts": `let a14 = "AAAAAAAA";\n${lines.reverse().join("\n")}\n${SEND}\n` });
    assert.ok(out.findings.some((f) => f.ruleId === "static-encoded-data"));
  });

  it("buffers concatenated from themselves over and over", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `const b${i + 1} = Buffer.concat([b${i}, b${i}]);`);
    const out = scan({
      "concat.ts": `import { randomBytes } from "node:crypto";\nconst b0 = randomBytes(4);\n${lines.join("\n")}\nconst a0 = b30.toString("base64");\n${SEND}\n`,
    });
    assert.ok(out.findings.some((f) => f.ruleId === "encoded-data-timestamp"));
  });

  it("a minified bundle's 3000-long comma chain is walked, not overflowed", () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `x${i}=1`).join(",");
    const out = scan({ "bundle.js": `var a0="AAAAAAAA";${chain};${SEND}\n` });
    assert.deepEqual(out.notices, []);
    assert.ok(out.findings.some((f) => f.ruleId === "static-encoded-data"));
  });

  it("nesting too deep to parse is a too-deep notice", () => {
    const out = scan({ "deep.ts": `const a0 = ${"(".repeat(5000)}1${")".repeat(5000)};\n${SEND}\n`, "deep.postman_collection.json": `{"info":{},"item":${"[".repeat(20000)}${"]".repeat(20000)}, "x": "encodedData"}` });
    assert.deepEqual(out.notices.map((n) => n.kind), ["too-deep", "too-deep"]);
  });

  it("a signer fed a thousand chained updates of one buffer", () => {
    const updates = ".update(buf)".repeat(1000);
    const out = scan({
      "updates.ts": `import crypto from "node:crypto";
const buf = Buffer.alloc(108);
buf.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)), 0);
crypto.randomFillSync(buf, 8);
const sig = crypto.createSign("RSA-SHA512")${updates}.sign(key, "base64");
fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: buf.toString("base64"), encodedSignedData: sig, encodedDataFormat: "v2" }) });
`,
    });
    assert.deepEqual(out.notices, []);
    assert.ok(out.findings.some((f) => f.ruleId === "signature-data-mismatch"));
  });

  it("texts that double at every step, and a template with thousands of spans", () => {
    const doubling = Array.from({ length: 30 }, (_, i) => `const t${i + 1} = \`\${t${i}}\${t${i}}\${c}\`;`).join("\n");
    const spans = Array.from({ length: 8000 }, () => "${c}").join(",");
    const out = scan({
      "doubling.ts": `const c = process.env.X ? "a" : "b";\nconst t0 = c;\n${doubling}\nconst a0 = t30;\n${SEND}\n`,
      "spans.ts": `const c = process.env.X ? "a" : "b";\nfetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: \`{"encodedData":"\${d}","encodedSignedData":"\${s}","p":"${spans}"}\` });\n`,
    });
    assert.deepEqual(out.notices, []);
    assert.ok(out.findings.some((f) => f.file === "spans.ts" && f.ruleId === "encoded-data-format"));
  });

  it("thousands of member calls on one variable are each resolved without rescanning the file", () => {
    const calls = "a.b.c.d.e.f();\n".repeat(20000);
    const out = scan({ "members.ts": `const a = {};\n${calls}const a0 = "AAAAAAAA";\n${SEND}\n` });
    assert.deepEqual(out.notices, []);
    assert.ok(out.findings.some((f) => f.ruleId === "static-encoded-data"));
  });
});
