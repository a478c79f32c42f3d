// Which files a run reads. Knows nothing about rules: folders are searched for scripts, JSON and YAML,
// honouring .gitignore files and the default and user ignores; a file named explicitly skips only the defaults.
import fs from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import { UsageError } from "./errors.js";

export const SOURCE_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "json", "yaml", "yml"];
export const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(",")}}`;
export const DEFAULT_IGNORES = ["node_modules", ".git", "dist", "build", "coverage"];

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  /** Extra patterns in .gitignore syntax, relative to cwd. */
  ignorePatterns: string[];
  /** Only these files (absolute paths), as --since and --staged choose them; folders then select among them. */
  only?: ReadonlySet<string>;
  /** A path scanned though it need not exist on disk (--stdin-filename). */
  virtualPath?: string;
  /** Files found in folders must match one of these .gitignore-style patterns, relative to `base`. */
  include?: { base: string; patterns: string[] };
}

export interface Discovered {
  /** Absolute paths of the files to scan, sorted and without duplicates. */
  files: string[];
  /** Whether a file found some other way (an import) is one the run excludes, by default or by ignore rules. */
  isExcluded(absPath: string): boolean;
}

export function isSourcePath(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file).slice(1));
}

export async function discover(options: DiscoverOptions): Promise<Discovered> {
  const gitignores = new GitignoreSet();
  const user = ignore().add(options.ignorePatterns);
  const included = options.include?.patterns.length ? ignore().add(options.include.patterns) : undefined;
  const isIncluded = (file: string) => !included || matches(included, options.include!.base, file);
  const found = new Set<string>();
  const virtual = options.virtualPath && path.resolve(options.cwd, options.virtualPath);
  for (const given of options.paths.length ? options.paths : ["."]) {
    const abs = path.resolve(options.cwd, given);
    // Files named explicitly (as pre-commit and lint-staged pass them) are scanned when of a supported type;
    // any other is skipped silently, so `--max-warnings 0` keeps working on a mixed list.
    if (abs === virtual) {
      if (isSourcePath(abs)) found.add(abs);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (!stat.isDirectory()) {
      if (isSourcePath(abs) && (!options.only || options.only.has(abs))) found.add(abs);
      continue;
    }
    const entries = options.only ? [...options.only].filter((f) => isInside(abs, f) && isSourcePath(f) && !inDefaultIgnoredFolder(abs, f)) : await glob(abs);
    for (const file of entries) if (isIncluded(file)) found.add(path.normalize(file));
  }
  const isIgnored = (file: string): boolean => gitignores.ignores(file) || matches(user, options.cwd, file);
  const files = [...found].sort().filter((file) => !isIgnored(file));
  const isExcluded = (file: string): boolean => inDefaultIgnoredFolder(options.cwd, file) || isIgnored(file);
  return { files, isExcluded };
}

function glob(folder: string): Promise<string[]> {
  return fg(SOURCE_GLOB, {
    cwd: folder,
    absolute: true,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: DEFAULT_IGNORES.map((d) => `**/${d}/**`),
  });
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return !!rel && !rel.startsWith("..") && !path.isAbsolute(rel);
}

function inDefaultIgnoredFolder(root: string, file: string): boolean {
  return path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .some((segment) => DEFAULT_IGNORES.includes(segment));
}

/** Whether .gitignore-style patterns, relative to `base`, match a file below it. */
export function matches(patterns: Ignore, base: string, file: string): boolean {
  const rel = path.relative(base, file);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
  return patterns.ignores(rel.split(path.sep).join("/"));
}

/**
 * The .gitignore files that apply to a path, as git reads them: from the repository's top folder down to the
 * path's own, a deeper file's rules (negations included) overriding those above.
 */
class GitignoreSet {
  private readonly byDir = new Map<string, Ignore | null>();

  ignores(file: string): boolean {
    const dirs: string[] = [];
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      dirs.unshift(dir);
      if (fs.existsSync(path.join(dir, ".git")) || path.dirname(dir) === dir) break;
    }
    let ignored = false;
    for (const dir of dirs) {
      const rules = this.rulesIn(dir);
      if (!rules) continue;
      const verdict = rules.test(path.relative(dir, file).split(path.sep).join("/"));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private rulesIn(dir: string): Ignore | null {
    let rules = this.byDir.get(dir);
    if (rules === undefined) {
      try {
        rules = ignore().add(fs.readFileSync(path.join(dir, ".gitignore"), "utf8"));
      } catch {
        rules = null;
      }
      this.byDir.set(dir, rules);
    }
    return rules;
  }
}
