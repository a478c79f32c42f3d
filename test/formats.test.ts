// Every report format on the same sample (golden files), and the properties CI systems rely on: SARIF that
// validates against the official 2.1.0 schema with fingerprints that survive line shifts, GitHub workflow
// commands escaped as documented, GitLab Code Quality severities, JUnit XML, compact lines, --output-file.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { createRequire } from "node:module";
import { escapeData, escapeProperty } from "../src/report/github.js";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const FORMATS = { sarif: "v1-integration.sarif", github: "v1-integration.github.txt", gitlab: "v1-integration.gitlab.json", junit: "v1-integration.junit.xml", compact: "v1-integration.compact.txt" };

function report(format: string, cwd = REPO_ROOT, target = "fixtures/v1-integration", env: Record<string, string> = {}) {
  const r = runCli(["--format", format, target], cwd, env);
  assert.equal(r.status, 1, r.stderr);
  return r.stdout;
}

describe("report formats", () => {
  for (const [format, golden] of Object.entries(FORMATS)) {
    it(`${format}: the sample integration's report is exactly the golden file`, () => {
      const file = path.join(REPO_ROOT, "test/golden", golden);
      const out = report(format);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, out);
      assert.equal(out, fs.readFileSync(file, "utf8"));
    });
  }

  it("sarif validates against the official SARIF 2.1.0 schema and carries what GitHub code scanning reads", () => {
    const sarif = JSON.parse(report("sarif"));
    // The SARIF schema is draft-04.
    const AjvDraft04 = createRequire(import.meta.url)("ajv-draft-04") as new (o: object) => { validate(s: object, d: unknown): boolean; errorsText(): string };
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test/data/sarif-schema-2.1.0.json"), "utf8"));
    assert.ok(ajv.validate(schema, sarif), ajv.errorsText());
    const run = sarif.runs[0];
    assert.equal(sarif.version, "2.1.0");
    assert.equal(run.tool.driver.rules.length, 6);
    for (const rule of run.tool.driver.rules) assert.ok(rule.id && rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown && rule.helpUri && rule.defaultConfiguration.level);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(!path.isAbsolute(result.locations[0].physicalLocation.artifactLocation.uri));
      assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:\d+$/);
    }
    assert.ok(run.results.some((r: { fixes?: unknown[] }) => r.fixes?.length), "results with a fix carry it");
  });

  it("sarif fingerprints stay the same when lines are inserted above", () => {
    const code = `import axios from "axios";\nimport { randomBytes, sign } from "node:crypto";\nconst data = randomBytes(100);\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" });\n`;
    const dir = writeProject({ name: "shift", code });
    const prints = () => JSON.parse(report("sarif", dir, ".")).runs[0].results.map((r: { partialFingerprints: { primaryLocationLineHash: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [r.partialFingerprints.primaryLocationLineHash, r.locations[0].physicalLocation.region.startLine]);
    const before = prints();
    fs.writeFileSync(path.join(dir, "src/auth.ts"), `// a comment\n\n${code}`);
    const after = prints();
    assert.deepEqual(after.map((p: [string, number]) => p[0]), before.map((p: [string, number]) => p[0]));
    assert.deepEqual(after.map((p: [string, number]) => p[1]), before.map((p: [string, number]) => p[1] + 2));
  });

  it("github: data escapes %, CR and LF (and other control characters); properties also : and ,", () => {
    assert.equal(escapeData("100% done\r\nnext"), "100%25 done%0D%0Anext");
    assert.equal(escapeData("red\u001b[31m"), "red%1B[31m");
    assert.equal(escapeProperty("a:b,c%"), "a%3Ab%2Cc%25");
  });

  it("sarif: a colon in the first path segment is encoded, so the URI stays relative", () => {
    const dir = writeProject({ name: "colon", files: { "src:v1/a.ts": `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n` } });
    const uris = JSON.parse(report("sarif", dir, ".")).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.length > 0 && uris.every((u: string) => u === "src%3Av1/a.ts"), JSON.stringify(uris));
  });

  it("github: chosen by itself in GitHub Actions when no --format is given, beside the stylish log", () => {
    const r = runCli(["fixtures/v1-integration"], REPO_ROOT, { GITHUB_ACTIONS: "true" });
    assert.match(r.stdout, /^::error file=fixtures\/v1-integration\/postman\/Anaplan\.postman_collection\.json,line=15,endLine=18,col=17,endColumn=10,title=encoded-data-format \(anaplan-auth-lint\)::/);
    assert.match(r.stdout, /✖ 12 problems/);
  });

  it("gitlab: Code Quality fields, severities mapped", () => {
    const issues = JSON.parse(report("gitlab")) as { severity: string; check_name: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    assert.deepEqual([...new Set(issues.map((i) => i.severity))].sort(), ["critical", "minor"]);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, "fingerprints are unique");
    assert.ok(issues.every((i) => i.check_name && i.location.path && i.location.lines.begin > 0));
  });

  it("--output-file writes the report there and nothing to stdout", () => {
    const dir = writeProject({ name: "out", files: { "a.ts": "export const a = 1;\n" } });
    const r = runCli(["--format", "junit", "--output-file", "report.xml", "."], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, "");
    assert.match(fs.readFileSync(path.join(dir, "report.xml"), "utf8"), /<testcase classname="anaplan-auth-lint" name="no findings"\/>/);
    // A folder that does not exist yet is made, as ESLint does; one that cannot be made is exit 2.
    assert.equal(runCli(["--output-file", "new/dir/report.txt", "."], dir).status, 0);
    assert.ok(fs.existsSync(path.join(dir, "new/dir/report.txt")));
    fs.writeFileSync(path.join(dir, "blocker"), "");
    const bad = runCli(["--output-file", "blocker/report.txt", "."], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot write --output-file .*blocker\/report\.txt: (ENOTDIR|EEXIST)/);
  });
});
