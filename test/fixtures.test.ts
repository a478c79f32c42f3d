// The bundled sample integrations, scanned as the README's quick start does.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REPO_ROOT, runCli } from "./support/cli.js";

type F = { ruleId: string; messageId: string; severity: string; file: string; line: number };
const brief = (f: F) => `${f.file}:${f.line} ${f.severity} ${f.ruleId}/${f.messageId}`;

describe("fixtures", () => {
  it("v1-integration: every fault is reported where it is", () => {
    const r = runCli(["--format", "json", "fixtures/v1-integration"], REPO_ROOT);
    assert.equal(r.status, 1);
    const base = "fixtures/v1-integration/";
    assert.deepEqual(JSON.parse(r.stdout).findings.map(brief), [
      `${base}postman/Anaplan.postman_collection.json:15 error encoded-data-format/missing`,
      `${base}postman/Anaplan.postman_collection.json:17 error static-encoded-data/unset-variable`,
      `${base}postman/Anaplan.postman_collection.json:17 error static-encoded-data/unset-variable`,
      `${base}schemas/token-response.schema.json:10 warning required-refresh-token/required`,
      `${base}src/certificateLogin.ts:11 error encoded-data-timestamp/no-prefix`,
      `${base}src/certificateLogin.ts:18 error encoded-data-format/missing`,
      `${base}src/nightlyExport.cjs:7 error encoded-data-format/missing`,
      `${base}src/sessionRenewal.ts:8 error encoded-data-timestamp/milliseconds`,
      `${base}src/sessionRenewal.ts:10 error signature-data-mismatch/unsigned-prefix`,
      `${base}src/tokenResponse.ts:11 error strict-token-response/rejects`,
      `${base}stored-login.json:2 error static-encoded-data/literal`,
      `${base}stored-login.json:3 error static-encoded-data/literal`,
    ]);
  });

  it("v2-integration: nothing to report", () => {
    const r = runCli(["--format", "json", "fixtures/v2-integration"], REPO_ROOT);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout).findings.map(brief), []);
  });

  it("the quick start's stylish run prints the findings, their code and a summary, and never the stored secrets", () => {
    const r = runCli(["fixtures/v1-integration"], REPO_ROOT);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /src\/certificateLogin\.ts:11:16 {2}error {2}encodedData is built from random bytes/);
    assert.match(r.stdout, /> 11 \| {3}const data = randomBytes\(100\);/);
    assert.match(r.stdout, /✖ 12 problems \(11 errors, 1 warning, 0 info\) in \d+ files scanned\n$/);
    assert.ok(!r.stdout.includes("HUw5n/+wUtFcWUdbbOEZ"), "the stored encodedData is redacted");
    assert.match(r.stdout, /HUw5n\/\+w…\[redacted, 136 chars\]/);
  });
});
