// Fuzzing: the fixtures' files, mutated (byte flips, truncation, random tokens inserted, lines deleted, deep
// nesting), each run through the whole engine with --fix (as a dry run, in memory). No input may throw, and a
// fixed text may never have more syntax errors than the text it was made from. Seeded and reproducible:
// FUZZ_SEED picks the sequence, FUZZ_INPUTS how many (CI runs a small budget; `npm run fuzz` runs 10,000).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { lintAndFix } from "anaplan-auth-lint";
import { type FileReader, nodeFileReader } from "../src/files.js";
import { syntaxErrorCount } from "../src/fix/syntax.js";
import { REPO_ROOT } from "./support/cli.js";
import { seededRandom } from "./support/random.js";
import { scratchDir } from "./support/scratch.js";

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 19062026);
const TOKENS = ["{", "}", "(", ")", "[", "]", "`", "${", '"', "'", "/*", "*/", "//", "\\", "\n", "\r", "\u2028", "\u0000", "\ufeff", "=>", "...", "?.", "encodedData", "encodedDataFormat", '"v2"', "tokenInfo", "additionalProperties", ".strict()", "refreshToken", "token/authenticate", "randomBytes(100)", "Buffer.alloc(8)", "---\n", "&a ", "*a", "- ", ": ", "#", "<div>", "@x", "\u00e9", "\ud83d"];

type Mutation = (text: string, next: () => number) => string;
const at = (text: string, next: () => number) => Math.floor(next() * (text.length + 1));
const MUTATIONS: Record<string, Mutation> = {
  flip: (t, n) => {
    const chars = [...t];
    for (let k = 0; k < 1 + Math.floor(n() * 8); k++) {
      const i = Math.floor(n() * chars.length);
      if (chars.length) chars[i] = String.fromCharCode(chars[i].charCodeAt(0) ^ (1 << Math.floor(n() * 7)));
    }
    return chars.join("");
  },
  truncate: (t, n) => t.slice(0, at(t, n)),
  insert: (t, n) => {
    let out = t;
    for (let k = 0; k < 1 + Math.floor(n() * 5); k++) {
      const i = at(out, n);
      out = out.slice(0, i) + TOKENS[Math.floor(n() * TOKENS.length)] + out.slice(i);
    }
    return out;
  },
  deleteLines: (t, n) => t.split("\n").filter(() => n() > 0.25).join("\n"),
  nest: (t, n) => {
    const depth = 50 + Math.floor(n() * 3000);
    const [open, close] = [["(", ")"], ["[", "]"], ["{", "}"], ["`${", "}`"]][Math.floor(n() * 4)];
    const i = at(t, n);
    return `${t.slice(0, i)}${open.repeat(depth)}1${close.repeat(depth)}${t.slice(i)}`;
  },
};

function fixtureFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && /\.(ts|js|cjs|mjs|json|ya?ml)$/.test(d.name))
    .map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
    .sort();
}

it(`fuzz: ${INPUTS} mutated fixture files through the engine and --fix`, { timeout: 3_600_000 }, async (t) => {
  const dir = scratchDir("aal-fuzz-");
  fs.cpSync(path.join(REPO_ROOT, "fixtures"), dir, { recursive: true });
  const files = fixtureFiles(dir);
  const next = seededRandom(SEED);
  const names = Object.keys(MUTATIONS);
  let slowest = { ms: 0, input: "" };
  for (let n = 0; n < INPUTS; n++) {
    const file = files[Math.floor(next() * files.length)];
    const mutation = names[Math.floor(next() * names.length)];
    const original = fs.readFileSync(file, "utf8");
    const text = MUTATIONS[mutation](original, next);
    // The mutated text stands in for the file; everything else is read from the copy on disk.
    const reader: FileReader = { read: (p) => (p === file ? { text } : nodeFileReader.read(p)), isFile: (p) => nodeFileReader.isFile(p) };
    const label = `input ${n} (seed ${SEED}): ${mutation} of ${path.relative(dir, file)}`;
    const started = Date.now();
    let outcome;
    try {
      outcome = await lintAndFix({ cwd: path.dirname(file), paths: ["."], reader, dryRun: true, unsafe: n % 2 === 1 });
    } catch (error) {
      assert.fail(`${label} threw: ${(error as Error).stack}`);
    }
    const ms = Date.now() - started;
    if (ms > slowest.ms) slowest = { ms, input: label };
    assert.ok(!outcome.result.notices.some((x) => x.kind === "internal-error"), `${label}: ${JSON.stringify(outcome.result.notices)}`);
    for (const [relative, { original: before, fixed }] of outcome.texts) {
      const abs = path.resolve(path.dirname(file), relative);
      assert.ok(syntaxErrorCount(abs, fixed) <= syntaxErrorCount(abs, before), `${label}: the fix of ${relative} added a syntax error`);
    }
  }
  t.diagnostic(`fuzz: ${INPUTS} inputs tried (seed ${SEED}); slowest ${slowest.ms} ms: ${slowest.input}`);
  console.log(`# fuzz: ${INPUTS} inputs tried (seed ${SEED}); slowest ${slowest.ms} ms`);
});
