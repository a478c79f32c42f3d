// What is timed: the command line of each row, and the inputs some rows need (ESLint's config and file
// subset, the pre-commit files). Takes the tool's keywords and file glob from its own build, so the
// comparison rows follow the tool when its rules change.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { listFiles } from "./corpus.mjs";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
export const CLI = path.join(REPO, "dist/src/cli.bundle.js");
const ESLINT = path.join(REPO, "node_modules/eslint/bin/eslint.js");
const NODE = process.execPath;
const JS = [".js", ".mjs", ".cjs"];

/** The env var a build may honour by writing `{stage: ms}` JSON to the file it names. */
export const TIMING_ENV = "ANAPLAN_AUTH_LINT_TIMING";

export async function loadToolFacts() {
  if (!fs.existsSync(CLI)) throw new Error(`no build at ${CLI}: run \`npm run build\` first (npm run bench does)`);
  const { rules } = await import(pathToFileURL(path.join(REPO, "dist/rules/index.js")).href);
  const { SOURCE_GLOB } = await import(pathToFileURL(path.join(REPO, "dist/src/discover.js")).href);
  const { MAX_FILE_BYTES } = await import(pathToFileURL(path.join(REPO, "dist/src/files.js")).href);
  // A rule reads a file only if each of its word groups occurs; the first group is the gate every rule has,
  // so these words find a superset of the files the tool goes on to parse.
  const keywords = [...new Set(rules.flatMap((rule) => rule.meta.needs[0] ?? []))].sort();
  const help = spawnSync(NODE, [CLI, "--help"], { encoding: "utf8" });
  if (help.status !== 0) throw new Error(`\`${CLI} --help\` failed: ${help.stderr.trim().split("\n")[0]}`);
  return { keywords, sourceGlob: SOURCE_GLOB, maxFileBytes: MAX_FILE_BYTES, hasCache: /--cache\b/.test(help.stdout) };
}

export function toolCommand(paths, cwd, extra = []) {
  return { command: NODE, args: [CLI, "--format", "json", ...extra, ...paths], cwd, node: true };
}

export async function ripgrepCommand(corpus, { keywords, sourceGlob }) {
  const rg = await findRipgrep();
  // --no-ignore --hidden: read what the tool reads; -F: the keywords are words, not patterns; -g: the tool's
  // extensions, so neither side reads a file the other skips (the fixtures' READMEs).
  const args = ["-l", "-i", "-F", "--no-ignore", "--hidden", "-g", sourceGlob, ...keywords.flatMap((k) => ["-e", k]), "."];
  return { command: rg, args, cwd: corpus, node: false };
}

async function findRipgrep() {
  try {
    const { rgPath } = await import("@vscode/ripgrep");
    if (fs.existsSync(rgPath)) return rgPath;
  } catch {
    // Its platform package is optional; fall back to one on PATH.
  }
  const which = spawnSync("sh", ["-c", "command -v rg"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error("no ripgrep: neither @vscode/ripgrep's binary nor rg on PATH");
}

/**
 * Copies up to `limit` JavaScript files of the corpus (sorted, so always the same ones) into their own folder,
 * since ESLint's own parser cannot read TypeScript, and both tools then scan exactly this folder. Files over
 * the tool's size limit stay out: the tool skips them unread, and ESLint spending a minute on a 9 MB bundle
 * would flatter the ratio.
 */
export function jsSubset(corpus, dir, { limit = 5000, maxBytes }) {
  const files = listFiles(corpus, (rel) => JS.includes(path.extname(rel)) && fs.statSync(path.join(corpus, rel)).size <= maxBytes).slice(0, limit);
  let bytes = 0;
  for (const rel of files) {
    const dest = path.join(dir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(corpus, rel), dest);
    bytes += fs.statSync(dest).size;
  }
  return { root: dir, files: files.length, bytes };
}

/** One rule that finds the v1 payload's shape, the nearest ESLint can come to what the tool looks for. */
export function eslintCommand(subset, configDir) {
  const config = path.join(configDir, "eslint.config.mjs");
  const selectors = [
    "Property[key.name='encodedData']",
    "Property[key.value='encodedData']",
    "ObjectExpression > Property[key.name='encodedSignedData']",
  ];
  const rule = ["error", ...selectors.map((selector) => ({ selector, message: "v1 certificate-login payload" }))];
  const body = `export default [{ files: ${JSON.stringify(JS.map((e) => `**/*${e}`))}, rules: { "no-restricted-syntax": ${JSON.stringify(rule)} } }];\n`;
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(config, body);
  // With -c, ESLint takes the working directory as the base its `files` patterns are relative to.
  return { command: NODE, args: [ESLINT, "-c", config, "--no-ignore", "--no-warn-ignored", "-f", "json", "."], cwd: subset, node: true };
}

/**
 * The pre-commit inputs: five small JavaScript files the first pass rejects (no keyword at all, so they cost
 * only reading), and the v1 fixture's login file, which goes through parsing and every rule.
 */
export function preCommitFiles(corpus, keywords) {
  const words = keywords.map((k) => k.toLowerCase());
  const copy0 = path.join(corpus, "copy-0");
  const unrelated = listFiles(copy0, (rel) => rel.endsWith(".js"))
    .map((rel) => ({ rel, size: fs.statSync(path.join(copy0, rel)).size }))
    // Not the near-empty index stubs: a real edited file has some body.
    .filter((f) => f.size >= 500)
    .filter((f) => !words.some((w) => fs.readFileSync(path.join(copy0, f.rel), "utf8").toLowerCase().includes(w)))
    .sort((a, b) => a.size - b.size || (a.rel < b.rel ? -1 : 1))
    .slice(0, 5)
    .map((f) => `copy-0/${f.rel}`);
  const planted = path.join(copy0, "a/v1-integration");
  const login = listFiles(planted, (rel) => rel.endsWith(".ts")).find((rel) =>
    fs.readFileSync(path.join(planted, rel), "utf8").includes("token/authenticate"),
  );
  if (unrelated.length < 5 || !login) throw new Error("corpus: could not find the pre-commit files");
  return { unrelated, relevant: `copy-0/a/v1-integration/${login}` };
}

export const nodeFloor = (cwd) => ({ command: NODE, args: ["-e", "0"], cwd, node: true });

/** Node reading every file and testing one regular expression (bench/node-floor.mjs): the floor for a Node tool. */
export const nodeReadingFloor = (corpus, { keywords, sourceGlob }) => ({
  command: NODE,
  args: [path.join(REPO, "bench/node-floor.mjs"), corpus, sourceGlob, ...keywords],
  cwd: corpus,
  node: true,
});
