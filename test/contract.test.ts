// The --format json output contract: it validates against schemas/output.schema.json, is byte-for-byte stable,
// and its findings are sorted and relative.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schemas/output.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validator = ajv.compile(schema);
/** Validates without narrowing the parsed output's type, so tests can go on reading it. */
function conforms(output: unknown): boolean {
  return validator(output);
}

describe("output contract", () => {
  it("the sample integration's JSON output validates against the shipped schema", () => {
    const r = runCli(["--format", "json", "fixtures/v1-integration"], REPO_ROOT);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.ok(conforms(out), ajv.errorsText(validator.errors));
    assert.ok(out.findings.length > 0);
    assert.ok(out.findings.some((f: { relatedLocations?: unknown[] }) => f.relatedLocations?.length));
  });

  it("an empty result validates too, and the summary counts what was read", () => {
    const dir = writeProject({ name: "empty", files: { "a.ts": "export const x = 1;\n", "b.json": "{}" } });
    const r = runCli(["--format", "json", "."], dir);
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout);
    assert.ok(conforms(out), ajv.errorsText(validator.errors));
    assert.deepEqual(out.summary, { files: 2, parsed: 0, errors: 0, warnings: 0, infos: 0 });
    assert.deepEqual([out.findings, out.suppressed, out.notices], [[], [], []]);
  });

  it("is byte-for-byte the same on every run", () => {
    const first = runCli(["--format", "json", "fixtures/v1-integration"], REPO_ROOT).stdout;
    const second = runCli(["--format", "json", "fixtures/v1-integration"], REPO_ROOT).stdout;
    assert.equal(first, second);
  });

  it("sorts findings by file, line, column and rule id, with forward-slash relative paths", () => {
    const out = JSON.parse(runCli(["--format", "json", "fixtures/v1-integration"], REPO_ROOT).stdout);
    type F = { file: string; line: number; column: number; ruleId: string };
    const key = (f: F) => [f.file, String(f.line).padStart(6, "0"), String(f.column).padStart(6, "0"), f.ruleId].join(" ");
    const keys = out.findings.map(key);
    assert.deepEqual(keys, [...keys].sort());
    for (const f of out.findings as F[]) {
      assert.ok(f.file.startsWith("fixtures/v1-integration/"), f.file);
      assert.ok(!f.file.includes("\\"));
    }
  });

  it("reports a syntax error as a notice and keeps analysing the file", () => {
    const dir = writeProject({
      name: "broken",
      code: `import axios from "axios";
const data = require("crypto").randomBytes(100);
axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: "" });
function broken( {
`,
    });
    const r = runCli(["--format", "json", "."], dir);
    const out = JSON.parse(r.stdout);
    assert.ok(conforms(out), ajv.errorsText(validator.errors));
    assert.equal(out.notices.length, 1);
    assert.equal(out.notices[0].kind, "parse-error");
    assert.equal(out.notices[0].file, "src/auth.ts");
    assert.ok(out.findings.some((f: { ruleId: string }) => f.ruleId === "encoded-data-format"));
    assert.equal(r.status, 1, "notices do not change the exit code; the error finding does");
  });

  it("a file the analyses cannot handle becomes a notice, and the other files are still scanned", () => {
    const deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    const dir = writeProject({
      name: "deep",
      files: {
        "deep.ts": `const encodedData = ${deep};\nfetch(u, { body: JSON.stringify({ encodedData, encodedSignedData: s }) });\n`,
        "login.ts": `fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: d, encodedSignedData: s }) });\n`,
      },
    });
    const r = runCli(["--format", "json", "."], dir);
    const out = JSON.parse(r.stdout);
    assert.ok(conforms(out), ajv.errorsText(validator.errors));
    assert.deepEqual(out.notices.map((n: { kind: string; file: string }) => `${n.kind} ${n.file}`), ["too-deep deep.ts"]);
    assert.ok(out.findings.some((f: { file: string; ruleId: string }) => f.file === "login.ts" && f.ruleId === "encoded-data-format"));
    assert.equal(r.status, 1);
  });
});
