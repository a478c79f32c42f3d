import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { rulesWanting } from "../src/prefilter.js";
import { rules } from "../rules/index.js";
import { REPO_ROOT } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

describe("first pass", () => {
  it("lets through only files some rule can use", () => {
    const ids = (text: string) => rulesWanting(text, rules).map((r) => r.meta.id);
    const certificateRules = ["encoded-data-format", "encoded-data-timestamp", "signature-data-mismatch", "static-encoded-data"];
    assert.deepEqual(ids("export const a = 1;"), []);
    assert.deepEqual(ids('fetch(url, { body: JSON.stringify({ encodedData }) })'), certificateRules);
    assert.deepEqual(ids("post(AUTH_BASE + '/token/authenticate', buildPayload())"), certificateRules);
    assert.deepEqual(ids('"raw": "{\\"encodedData\\": \\"{{EncodedData}}\\"}"'), certificateRules);
    // A schema rule needs a token field and a strictness keyword: additionalProperties alone is common.
    assert.deepEqual(ids('{"type": "object", "additionalProperties": false}'), []);
    assert.deepEqual(ids('{"properties": {"tokenValue": {}}, "additionalProperties": false}'), ["strict-token-response"]);
    assert.deepEqual(ids("z.object({ tokenValue: z.string(), refreshToken: z.string() })"), ["required-refresh-token"]);
    // Token fields are property names: a lexer's getTokenValue (beside "never" and "keys") is not one.
    assert.deepEqual(ids("function getTokenValue(): never { return Object.keys(lexer.lastTokenInfo) as never; }"), []);
    assert.deepEqual(ids('{"TOKENVALUE": 1, "additionalProperties": false}'), ["strict-token-response"]);
  });

  it("does not load ts-morph or parse anything when no file passes it", () => {
    const dir = writeProject({ name: "plain", files: { "a.ts": "export const a = 1;\n", "b.js": "module.exports = 2;\n" } });
    const engine = path.join(REPO_ROOT, "dist/src/engine.js");
    const script = `
      import { createRequire } from "node:module";
      const { lint } = await import(${JSON.stringify(engine)});
      const result = await lint({ cwd: ${JSON.stringify(dir)}, paths: ["."] });
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("ts-morph"));
      console.log(JSON.stringify({ parsed: result.summary.parsed, files: result.summary.files, loaded }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { parsed: 0, files: 2, loaded: false });
  });
});
