// Which files a run reads. Knows nothing about rules: folders are searched for scripts, JSON and YAML,
// honouring .gitignore files and the default and user ignores; a file named explicitly skips only the defaults.
import fs from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import { UsageError } from "./errors.js";

export const SOURCE_GLOB = "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,json,yaml,yml}";
export const DEFAULT_IGNORES = ["node_modules", ".git", "dist", "build", "coverage"];

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  /** Extra patterns in .gitignore syntax, relative to cwd. */
  ignorePatterns: string[];
}

export interface Discovered {
  /** Absolute paths of the files to scan, sorted and without duplicates. */
  files: string[];
  /** Files named on the command line that .gitignore or --ignore-pattern excluded, so the run can say so. */
  ignoredExplicitly: string[];
  /** Whether a file found some other way (an import) is one the run excludes, by default or by ignore rules. */
  isExcluded(absPath: string): boolean;
}

export async function discover(options: DiscoverOptions): Promise<Discovered> {
  const gitignores = new GitignoreSet();
  const user = ignore().add(options.ignorePatterns);
  const found = new Set<string>();
  const named = new Set<string>();
  for (const given of options.paths.length ? options.paths : ["."]) {
    const abs = path.resolve(options.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isDirectory()) {
      const entries = await fg(SOURCE_GLOB, {
        cwd: abs,
        absolute: true,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        suppressErrors: true,
        ignore: DEFAULT_IGNORES.map((d) => `**/${d}/**`),
      });
      for (const file of entries) found.add(path.normalize(file));
    } else {
      found.add(abs);
      named.add(abs);
    }
  }
  const isIgnored = (file: string): boolean => gitignores.ignores(file) || ignoredBy(user, options.cwd, file);
  const files: string[] = [];
  const ignoredExplicitly: string[] = [];
  for (const file of [...found].sort()) {
    if (!isIgnored(file)) files.push(file);
    else if (named.has(file)) ignoredExplicitly.push(file);
  }
  const isExcluded = (file: string): boolean => inDefaultIgnoredFolder(options.cwd, file) || isIgnored(file);
  return { files, ignoredExplicitly, isExcluded };
}

function inDefaultIgnoredFolder(cwd: string, file: string): boolean {
  return path
    .relative(cwd, path.dirname(file))
    .split(path.sep)
    .some((segment) => DEFAULT_IGNORES.includes(segment));
}

function ignoredBy(patterns: Ignore, cwd: string, file: string): boolean {
  const rel = path.relative(cwd, file);
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
