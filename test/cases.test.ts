// The labelled sample projects beside the repository (../shared/cases), scored on the built CLI with every
// rule. Skipped where the folder is not there.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { REPO_ROOT } from "./support/cli.js";

const scorer = path.resolve(REPO_ROOT, "../shared/score-cases.mjs");
it("labelled cases: every expectation met, no false alarm, and every fixable finding fixed by --fix", { skip: !fs.existsSync(scorer) && "no ../shared/score-cases.mjs" }, () => {
  const r = spawnSync(process.execPath, [scorer, "--fix-check"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /recall 1\.000 precision 1\.000/);
});
