// The benchmark's corpus builder (bench/corpus.mjs): numbers are comparable across runs only if the same
// inputs give the same tree. No timing here; the benchmark itself is `npm run bench`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./support/cli.js";

interface Corpus {
  root: string;
  files: number;
  bytes: number;
  copies: string[];
}
interface CorpusModule {
  buildCorpus(options: { sourceDir: string; fixturesDir: string; outDir: string; scale: number }): Corpus;
  listFiles(dir: string): string[];
}

// Plain JavaScript outside the TypeScript build, so loaded by URL rather than by an import tsc would check.
const { buildCorpus, listFiles } = (await import(pathToFileURL(path.join(REPO_ROOT, "bench/corpus.mjs")).href)) as CorpusModule;

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-corpus-test-"));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** Every file of a tree with a hash of its bytes, in the order listFiles gives. */
function fingerprint(root: string): string[] {
  return listFiles(root).map((rel) => `${rel} ${createHash("sha256").update(fs.readFileSync(path.join(root, rel))).digest("hex").slice(0, 12)}`);
}

describe("bench corpus", () => {
  const sourceDir = write(path.join(temp, "src"), {
    "zeta/index.js": "module.exports = 1;\n",
    "alpha/node_modules/inner/dist/main.mjs": "export default 2;\n",
    "alpha/build/types.d.ts": "export type T = 3;\n",
    "alpha/README.md": "not a source file\n",
    "alpha/config.yml": "a: 1\n",
  });
  fs.symlinkSync(path.join(sourceDir, "zeta/index.js"), path.join(sourceDir, "link.js"));
  const fixturesDir = write(path.join(temp, "fixtures"), {
    "v1/src/login.ts": "const encodedData = 1;\n",
    "v1/README.md": "# v1\n",
    "v1/.gitignore": "src/\n",
    "README.md": "top\n",
  });

  it("builds the same tree twice, copies in sorted order, and renames the folders the tool skips", () => {
    const one = buildCorpus({ sourceDir, fixturesDir, outDir: path.join(temp, "one"), scale: 2 });
    const two = buildCorpus({ sourceDir, fixturesDir, outDir: path.join(temp, "two"), scale: 2 });
    assert.deepEqual(fingerprint(one.root), fingerprint(two.root));
    assert.deepEqual([one.files, one.bytes], [two.files, two.bytes]);
    assert.deepEqual(listFiles(path.join(one.root, "copy-0")), [
      "a/b/c/v1/README.md",
      "a/b/c/v1/src/login.ts",
      "a/v1/README.md",
      "a/v1/src/login.ts",
      "nm/alpha/build_/types.d.ts",
      "nm/alpha/config.yml",
      "nm/alpha/nm/inner/dist_/main.mjs",
      "nm/zeta/index.js",
    ]);
    // Per copy: four sources (no README, no symlink) and the fixture's script at two depths.
    assert.equal(one.files, 2 * (4 + 2));
    assert.deepEqual(listFiles(path.join(one.root, "copy-1")), listFiles(path.join(one.root, "copy-0")));
  });

  it("leaves out a fixture's .gitignore, which would hide files from the tool", () => {
    const corpus = buildCorpus({ sourceDir, fixturesDir, outDir: path.join(temp, "plain"), scale: 1 });
    assert.equal(listFiles(corpus.root).filter((rel) => path.basename(rel) === ".gitignore").length, 0);
  });

  it("the node reading floor counts the files that hold a keyword, case-insensitively, of the glob's types", () => {
    const root = write(path.join(temp, "floor"), {
      "a.ts": "const x = { TOKENINFO: 1 };",
      "deep/b.js": "post('/token/authenticate')",
      "c.json": "{}",
      "d.md": "tokenInfo",
      ".hidden/e.mjs": "getTokenValue()",
    });
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "bench/node-floor.mjs"), root, "**/*.{ts,js,mjs,json}", "^tokenInfo", "^tokenValue", "token/authenticate"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    // The floor reads the words themselves: getTokenValue counts, as it would for rg.
    assert.equal(r.stdout, "3\n");
  });
});
