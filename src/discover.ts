// Which files a run reads. Knows nothing about rules: folders are searched for scripts, JSON and YAML,
// honouring .gitignore files and the default and user ignores; a file named explicitly skips only the defaults.
import fs from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import { UsageError } from "./errors.js";
import { repositoryTop, runGit } from "./git.js";

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
  /** How a folder's entries are read, so tests can make one unreadable (CI runs as root, where chmod cannot). */
  readFolder?: typeof fs.readdirSync;
}

export interface Discovered {
  /** Absolute paths of the files to scan, sorted and without duplicates. */
  files: string[];
  /** Whether a file found some other way (an import) is one the run excludes, by default or by ignore rules. */
  isExcluded(absPath: string): boolean;
  /** Folders the walk could not read (EACCES, EPERM), skipped with the rest of the run going on. */
  unreadableFolders: string[];
}

/** .gitignore-style patterns, matched with case as git on Linux matches them (`ignore` folds case by default). */
export function patterns(list: string | readonly string[]): Ignore {
  return ignore({ ignorecase: false }).add(list as string[]);
}

export function isSourcePath(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file).slice(1));
}

export async function discover(options: DiscoverOptions): Promise<Discovered> {
  const walk = new FolderWalk(options.readFolder ?? fs.readdirSync);
  const gitignores = new GitignoreSet(walk.folders);
  const user = patterns(options.ignorePatterns);
  const included = options.include?.patterns.length ? patterns(options.include.patterns) : undefined;
  const isIncluded = (file: string) => !included || matches(included, options.include!.base, file);
  const found = new Set<string>();
  // Files git lists (tracked, or untracked and not ignored by its reading) or chose (--since, --staged):
  // .gitignore is not applied to them again.
  const byGit = new Set<string>(options.only ?? []);
  const named: string[] = [];
  const virtual = options.virtualPath && path.resolve(options.cwd, options.virtualPath);
  for (const given of options.paths.length ? options.paths : ["."]) {
    const abs = path.resolve(options.cwd, given);
    // Files named explicitly (as pre-commit and lint-staged pass them) are scanned when of a supported type;
    // any other is skipped silently, so `--max-warnings 0` keeps working on a mixed list. A staged file
    // deleted from the working tree is still in the index.
    if (abs === virtual || options.only?.has(abs)) {
      if (isSourcePath(abs)) found.add(abs);
      if (abs === virtual && isSourcePath(abs)) named.push(abs);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (!stat.isDirectory()) {
      if (isSourcePath(abs) && (!options.only || options.only.has(abs))) {
        found.add(abs);
        named.push(abs);
      }
      continue;
    }
    const listed = options.only ? chosenUnder(abs, options.only) : await listFolder(abs, byGit, walk);
    for (const file of listed) if (isSourcePath(file) && isIncluded(file)) found.add(file);
  }
  // Files named in a checkout are judged by git itself, as the files of a folder are.
  const ignoredByGit = new Set<string>();
  for (const [file, listed] of gitVerdicts(named)) (listed ? byGit : ignoredByGit).add(file);
  const isUserIgnored = options.ignorePatterns.length ? (file: string) => matches(user, options.cwd, file) : () => false;
  const isIgnored = (file: string): boolean => gitignores.ignores(file) || isUserIgnored(file);
  const files = [...found].sort().filter((file) => !(ignoredByGit.has(file) || (byGit.has(file) ? isUserIgnored(file) : isIgnored(file))));
  // Imports are followed anywhere but into dependencies (a helper in src/build/ is source), and into a file
  // git tracks even under a .gitignore pattern: asked of git only when a .gitignore pattern matches.
  const tracked = new TrackedFiles();
  const isExcluded = (file: string): boolean =>
    inDependencyFolder(options.cwd, file) || (byGit.has(file) || (gitignores.ignores(file) && tracked.has(file)) ? isUserIgnored(file) : isIgnored(file));
  return { files, isExcluded, unreadableFolders: [...new Set(walk.unreadable)].sort() };
}

/** What a walk saw in a folder it read, so the .gitignore lookup need not probe the disk again. */
interface FolderFacts {
  hasGitignore: boolean;
  /** It holds `.git` (a folder, or a file in a worktree or submodule): .gitignore files above it do not apply. */
  isRepositoryTop: boolean;
}

/**
 * The folder reads of a walk, done synchronously (fast-glob's synchronous walk takes about half the time of its
 * callback one on a large tree). Each read also skips the folders the tool never enters, notes what the
 * .gitignore lookup needs, and turns a folder it may not read into an empty one it remembers: fast-glob would
 * otherwise stop the whole walk on it, or (with its errors suppressed) skip it without a word.
 */
class FolderWalk {
  readonly folders = new Map<string, FolderFacts>();
  readonly unreadable: string[] = [];

  constructor(private readonly read: typeof fs.readdirSync) {}

  files(folder: string): string[] {
    return fg.sync(SOURCE_GLOB, {
      fs: { readdirSync: this.readFolder as unknown as typeof fs.readdirSync },
      cwd: folder,
      absolute: true,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
    });
  }

  private readonly readFolder = (folder: string, options: { withFileTypes: true }): fs.Dirent[] => {
    let entries: fs.Dirent[];
    try {
      entries = this.read(folder, options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EACCES" && code !== "EPERM") throw error;
      this.unreadable.push(folder);
      return [];
    }
    let hasGitignore = false;
    let isRepositoryTop = false;
    const kept: fs.Dirent[] = [];
    for (const entry of entries) {
      // Git reads no .gitignore that is a symbolic link.
      if (entry.name === ".gitignore") hasGitignore ||= entry.isFile();
      else if (entry.name === ".git") isRepositoryTop = true;
      // Not fast-glob's ignore option: a pattern tested against every entry of a large tree costs more than the walk.
      if (entry.isDirectory() && DEFAULT_IGNORES.includes(entry.name)) continue;
      kept.push(entry);
    }
    this.folders.set(path.resolve(folder), { hasGitignore, isRepositoryTop });
    return kept;
  };
}

/** A folder's files (absolute, normalized): from git's index in a checkout, else by walking it. */
async function listFolder(folder: string, tracked: Set<string>, walk: FolderWalk): Promise<string[]> {
  return (await gitListed(folder, tracked, walk)) ?? walk.files(folder);
}

/**
 * The files git chose (absolute, real paths) that lie in a folder, as paths under the folder as given: it may
 * be reached through a symbolic link (macOS's /tmp), and findings are reported under the path the user typed.
 */
function chosenUnder(folder: string, chosen: ReadonlySet<string>): string[] {
  let real = folder;
  try {
    real = fs.realpathSync(folder);
  } catch {
    /* unreadable: compare as given */
  }
  return [...chosen].filter((f) => isInside(real, f)).map((f) => path.join(folder, path.relative(real, f)));
}

/**
 * In a git checkout, the index lists the files faster than a walk of the folder can: tracked files (not
 * symbolic links, as the walk skips them) and untracked ones not ignored. Nested repositories and submodules,
 * which git lists as one entry, are listed by their own git in turn (walked when that fails). Undefined
 * outside a checkout, or when git cannot be run.
 */
async function gitListed(folder: string, tracked: Set<string>, walk: FolderWalk): Promise<string[] | undefined> {
  if (!insideCheckout(folder)) return undefined;
  const run = (args: string[]) => runGit(folder, args, "ignore").toString("utf8").split("\0").filter(Boolean);
  let cached: string[], untracked: string[], deleted: Set<string>;
  try {
    cached = run(["ls-files", "-z", "--stage"]);
    untracked = run(["ls-files", "-z", "--others", "--exclude-standard"]);
    deleted = new Set(run(["ls-files", "-z", "--deleted"]));
  } catch {
    return undefined;
  }
  const files: string[] = [];
  const walked: string[][] = [];
  for (const entry of cached) {
    // "<mode> <object> <stage>\t<path>": 120000 is a symbolic link, 160000 a submodule.
    const tab = entry.indexOf("\t");
    const mode = entry.slice(0, 6);
    const file = entry.slice(tab + 1);
    if (mode === "160000") walked.push(await listFolder(path.join(folder, file), tracked, walk));
    else if (mode !== "120000" && !deleted.has(file)) {
      files.push(path.join(folder, file));
      tracked.add(path.join(folder, file));
    }
  }
  for (const file of untracked) {
    if (file.endsWith("/")) walked.push(await listFolder(path.join(folder, file), tracked, walk));
    else if (!fs.lstatSync(path.join(folder, file), { throwIfNoEntry: false })?.isSymbolicLink()) {
      // git listed it as not ignored, by its own reading of every .gitignore: that answer stands.
      files.push(path.join(folder, file));
      tracked.add(path.join(folder, file));
    }
  }
  for (const more of walked) files.push(...more);
  // A merge conflict lists a file once per stage. Git lists what it tracks in any folder; the walk skips these.
  return [...new Set(files)].filter((file) => !inDefaultIgnoredFolder(folder, file));
}

function insideCheckout(folder: string): boolean {
  return repositoryTop(folder) !== undefined;
}


/**
 * For files named on the command line inside a checkout: whether git lists each (tracked, or untracked and not
 * ignored by any of its exclude sources: .gitignore, .git/info/exclude, core.excludesFile). A file git cannot
 * judge (outside a checkout, not on disk, git failing) is left out, for the .gitignore reading to decide.
 */
function gitVerdicts(files: readonly string[]): Map<string, boolean> {
  const verdicts = new Map<string, boolean>();
  // By real path: git lists no path that goes through a symbolic link, so `lnk/a.ts` is asked as `src/a.ts`.
  const byTop = new Map<string, { file: string; real: string }[]>();
  for (const file of files) {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      continue;
    }
    const top = repositoryTop(path.dirname(real));
    if (!top) continue;
    const inRepo = byTop.get(top) ?? [];
    inRepo.push({ file, real });
    byTop.set(top, inRepo);
  }
  for (const [top, inRepo] of byTop) {
    let listed: Set<string>;
    try {
      listed = gitListedAmong(top, inRepo.map((f) => path.relative(top, f.real)));
    } catch {
      continue;
    }
    for (const { file, real } of inRepo) verdicts.set(file, listed.has(real));
  }
  return verdicts;
}

/** Past this many files, listing the whole repository is faster than git matching each path against its index. */
const PATHSPEC_LIMIT = 64;

/** Which of these paths (relative to the repository's top) git lists: tracked, or untracked and not ignored. */
function gitListedAmong(top: string, paths: readonly string[]): Set<string> {
  const listing = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"];
  // Literal pathspecs: a file named `a[1].ts` is that file, not a pattern.
  const args = paths.length > PATHSPEC_LIMIT ? listing : ["--literal-pathspecs", ...listing, "--", ...paths];
  return new Set(runGit(top, args, "ignore").toString("utf8").split("\0").filter(Boolean).map((rel) => path.join(top, rel)));
}

/** The files git tracks, per repository, listed the first time a file there is asked about. */
class TrackedFiles {
  private readonly byTop = new Map<string, Set<string>>();

  has(file: string): boolean {
    const top = repositoryTop(path.dirname(file));
    if (!top) return false;
    let tracked = this.byTop.get(top);
    if (!tracked) {
      try {
        tracked = new Set(runGit(top, ["ls-files", "-z"], "ignore").toString("utf8").split("\0").filter(Boolean).map((rel) => path.join(top, rel)));
      } catch {
        tracked = new Set();
      }
      this.byTop.set(top, tracked);
    }
    return tracked.has(file);
  }
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return !!rel && !rel.startsWith("..") && !path.isAbsolute(rel);
}

function inDependencyFolder(root: string, file: string): boolean {
  return path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .some((segment) => segment === "node_modules" || segment === ".git");
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
 * The .gitignore files that apply to a path, as git reads them: only inside a repository (as git and ripgrep
 * do: a .gitignore above or outside any repository, a home folder's say, ignores nothing), from the
 * repository's top folder down to the path's own, a deeper file's rules (negations included) overriding
 * those above. As in git, a file in an ignored folder cannot be re-included by a .gitignore inside it.
 */
class GitignoreSet {
  /** Per folder: the folders from the repository's top down to it that hold a .gitignore, with its rules. */
  private readonly chains = new Map<string, { inRepository: boolean; rules: { dir: string; rules: Ignore }[] }>();
  private readonly ignoredFolders = new Map<string, boolean>();

  /** @param walked what the walk saw in the folders it read; folders above them (or listed by git) are probed. */
  constructor(private readonly walked: ReadonlyMap<string, FolderFacts>) {}

  ignores(file: string): boolean {
    return this.folderIgnored(path.dirname(file)) || this.verdict(file, path.dirname(file), false);
  }

  /** Whether a folder, or one it is in, is ignored; a repository's top folder never is. */
  private folderIgnored(dir: string): boolean {
    let ignored = this.ignoredFolders.get(dir);
    if (ignored === undefined) {
      const parent = path.dirname(dir);
      const chain = this.chainOf(dir);
      ignored = chain.inRepository && !this.isTop(dir) && parent !== dir && (this.folderIgnored(parent) || this.verdict(dir, parent, true));
      this.ignoredFolders.set(dir, ignored);
    }
    return ignored;
  }

  /** The last word of the rules that apply in `folder` on `target` (a folder is tested with its trailing slash). */
  private verdict(target: string, folder: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const { dir, rules } of this.chainOf(folder).rules) {
      const verdict = rules.test(path.relative(dir, target).split(path.sep).join("/") + (isFolder ? "/" : ""));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private isTop(dir: string): boolean {
    const seen = this.walked.get(dir);
    return seen ? seen.isRepositoryTop : fs.existsSync(path.join(dir, ".git"));
  }

  // Cached per folder: a large tree has many files per folder, and each lookup would otherwise stat every
  // folder up to the repository's top.
  private chainOf(dir: string): { inRepository: boolean; rules: { dir: string; rules: Ignore }[] } {
    let chain = this.chains.get(dir);
    if (!chain) {
      const parent = path.dirname(dir);
      const top = this.isTop(dir);
      const above = top ? { inRepository: true, rules: [] } : parent === dir ? { inRepository: false, rules: [] } : this.chainOf(parent);
      const seen = this.walked.get(dir);
      const own = above.inRepository && (!seen || seen.hasGitignore) ? this.rulesIn(dir) : undefined;
      chain = { inRepository: above.inRepository, rules: [...above.rules, ...(own ? [{ dir, rules: own }] : [])] };
      this.chains.set(dir, chain);
    }
    return chain;
  }

  private rulesIn(dir: string): Ignore | undefined {
    const file = path.join(dir, ".gitignore");
    try {
      // Git reads no .gitignore that is a symbolic link (or a folder, or anything but a plain file).
      if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
      return patterns(fs.readFileSync(file, "utf8"));
    } catch {
      return undefined;
    }
  }
}
