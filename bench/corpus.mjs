// Builds the benchmark's corpus: the project's own node_modules sources, copied in sorted order, N times, with
// the fixture integrations planted at a few depths. Offline and deterministic: the same inputs give the same
// tree, byte for byte, so runs on different days are comparable.
import fs from "node:fs";
import path from "node:path";

/** What the corpus copies; the tool's own glob is wider (mts, cts, jsx), so it sees every copied file. */
export const CORPUS_EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".yaml", ".yml"];

/** Where the fixture folders go in each copy: a shallow and a deep spot, so imports resolve at both. */
export const PLANT_DEPTHS = ["a", "a/b/c"];

// The tool skips folders with these names by default, so a faithful copy would scan nothing.
const RENAMED_SEGMENTS = new Map([
  ["node_modules", "nm"],
  [".git", ".git_"],
  ["dist", "dist_"],
  ["build", "build_"],
  ["coverage", "coverage_"],
]);

/** Byte order, not locale order: the same on every machine. */
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function hasCorpusExtension(file) {
  return CORPUS_EXTENSIONS.includes(path.extname(file));
}

/** The relative path a file gets in the corpus, with each skipped folder name renamed. */
export function corpusPath(relative) {
  return relative
    .split("/")
    .map((segment) => RENAMED_SEGMENTS.get(segment) ?? segment)
    .join("/");
}

/**
 * Regular files under dir, as "/"-separated relative paths in sorted order. Symlinks are skipped: node_modules/.bin
 * points back into the packages, and following them would copy files twice.
 */
export function listFiles(dir, keep = () => true) {
  const out = [];
  const walk = (rel) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && keep(child)) out.push(child);
    }
  };
  walk("");
  return out;
}

function copyInto(fromDir, files, toDir, rename) {
  let bytes = 0;
  const seen = new Set();
  for (const rel of files) {
    const target = rename(rel);
    // Two sources landing on one name would make the count silently wrong.
    if (seen.has(target)) throw new Error(`corpus: two files map to ${target}`);
    seen.add(target);
    const dest = path.join(toDir, target);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(fromDir, rel), dest);
    bytes += fs.statSync(dest).size;
  }
  return bytes;
}

/**
 * Writes the corpus into outDir (which must not exist yet) and says what it holds.
 * @param {{ sourceDir: string, fixturesDir: string, outDir: string, scale: number }} options
 * @returns {{ root: string, files: number, bytes: number, copies: string[] }} files and bytes count only
 *   the extensions the tool scans (the fixtures' READMEs are copied but not counted)
 */
export function buildCorpus({ sourceDir, fixturesDir, outDir, scale }) {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`corpus: scale must be a positive integer, got ${scale}`);
  fs.mkdirSync(outDir, { recursive: false });
  const sources = listFiles(sourceDir, hasCorpusExtension);
  const fixtureSets = fs.existsSync(fixturesDir)
    ? fs
        .readdirSync(fixturesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(byName)
        // A fixture's .gitignore would hide files from the tool but not from rg, so it stays out.
        .map((name) => ({ name, files: listFiles(path.join(fixturesDir, name), (rel) => path.basename(rel) !== ".gitignore") }))
    : [];
  let files = 0;
  let bytes = 0;
  const copies = [];
  for (let k = 0; k < scale; k++) {
    const copy = path.join(outDir, `copy-${k}`);
    copies.push(copy);
    bytes += copyInto(sourceDir, sources, path.join(copy, "nm"), corpusPath);
    files += sources.length;
    // Every copy gets its own fixtures, so scale N is N times the parsing work too, not only N times the reading.
    for (const depth of PLANT_DEPTHS) {
      for (const { name, files: list } of fixtureSets) {
        const counted = list.filter(hasCorpusExtension);
        copyInto(path.join(fixturesDir, name), list, path.join(copy, depth, name), corpusPath);
        files += counted.length;
        bytes += counted.reduce((sum, rel) => sum + fs.statSync(path.join(fixturesDir, name, rel)).size, 0);
      }
    }
  }
  return { root: outDir, files, bytes, copies };
}
