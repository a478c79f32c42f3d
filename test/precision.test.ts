// Precision: code that uses the login's words for other things, and a large tree of real, unrelated
// JavaScript (this project's own dependencies, copied out of node_modules so they are scanned), must produce
// no error and no warning.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT, runCli } from "./support/cli.js";

type F = { severity: string; ruleId: string; file: string; line: number };
const loud = (stdout: string): string[] =>
  (JSON.parse(stdout).findings as F[]).filter((f) => f.severity !== "info").map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe("precision", () => {
  it("fixtures/unrelated: the same words, other APIs", () => {
    const r = runCli(["--format", "json", "fixtures/unrelated"], REPO_ROOT);
    assert.equal(r.status, 0);
    assert.deepEqual(loud(r.stdout), []);
  });

  it("the project's own dependencies, scanned as an application tree", () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), "aal-vendor-"));
    fs.cpSync(path.join(REPO_ROOT, "node_modules"), path.join(tree, "vendor"), { recursive: true, verbatimSymlinks: true });
    try {
      const r = runCli(["--format", "json", "."], tree);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.ok(out.summary.files > 500, `a large tree was scanned (${out.summary.files} files)`);
      assert.deepEqual(loud(r.stdout), []);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it("a file that names tokenInfo for other reasons (a lint rule) has nothing resolved through its imports", () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), "aal-lexer-"));
    fs.writeFileSync(
      path.join(tree, "rule.js"),
      `"use strict";
const astUtils = require("./ast-utils");
module.exports = { create(context) { const sourceCode = context.sourceCode; return { Program(node) {
  const tokenInfo = sourceCode.getFirstToken(node);
  if (astUtils.isOpeningParen(tokenInfo) && Object.keys(tokenInfo).includes("value")) context.report({ node });
} }; } };
`,
    );
    fs.writeFileSync(path.join(tree, "ast-utils.js"), `"use strict";\nmodule.exports = { isOpeningParen: (t) => t.value === "(" };\n`);
    try {
      const r = runCli(["--format", "json", "."], tree);
      assert.equal(r.status, 0, r.stderr);
      // Only rule.js itself: no method called here is one that changes a schema, so no name is followed.
      assert.deepEqual(JSON.parse(r.stdout).summary, { files: 2, parsed: 1, errors: 0, warnings: 0, infos: 0 });
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
