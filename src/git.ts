// What --since and --staged ask of git: the files changed since a ref (and the untracked ones), the staged
// files, and a staged file's text. git is run as a child process with fixed arguments; no shell.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { UsageError } from "./errors.js";
import { decode, type FileReader, MAX_FILE_BYTES, tooLarge } from "./files.js";

/**
 * Settings that would let a scanned repository run a program of its choosing when git reads it (its own
 * .git/config can name an fsmonitor hook, an external diff, a text converter): off for every call.
 */
export const GIT_SAFE_FLAGS = ["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "-c", "diff.external=", "-c", "core.hooksPath=/dev/null"];

/** Runs git with fixed arguments (no shell) and the safe settings first. */
export function runGit(cwd: string, args: string[], stderr: "pipe" | "ignore" = "pipe"): Buffer {
  // Required when first needed: a run outside a checkout never starts git.
  const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_EXTERNAL_DIFF: "", GIT_PAGER: "cat" };
  // A git hook runs with GIT_DIR, GIT_INDEX_FILE (and more) set for its own repository; a submodule or a
  // nested repository is another one, and must be asked about itself.
  if (repositoryTop(cwd) !== repositoryTop(process.cwd())) for (const name of REPOSITORY_VARIABLES) delete env[name];
  return execFileSync("git", [...GIT_SAFE_FLAGS, ...args], { cwd, stdio: ["ignore", "pipe", stderr], maxBuffer: 512 * 1024 * 1024, env });
}

/** What git sets for a hook, naming the repository the hook runs in. */
const REPOSITORY_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_PREFIX"];

/** The folder holding `.git` (a folder, or a file in a worktree or submodule) that a folder is in, if any. */
export function repositoryTop(folder: string): string | undefined {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function git(cwd: string, args: string[]): Buffer {
  try {
    return runGit(cwd, args);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new UsageError("--since and --staged need git, which is not on PATH");
    const detail = e.stderr?.toString().trim().split("\n")[0] ?? e.message;
    throw new UsageError(`git ${args[0]} failed: ${detail}`);
  }
}

function topLevel(cwd: string): string {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).toString().trim();
  } catch (error) {
    if (/not on PATH/.test((error as Error).message)) throw error;
    throw new UsageError(`--since and --staged work in a git repository, and ${cwd} is not in one`);
  }
}

/** NUL-separated paths relative to the repository's top folder, as absolute paths. */
function listed(top: string, output: Buffer): string[] {
  return output.toString("utf8").split("\0").filter(Boolean).map((p) => path.resolve(top, p));
}

/** Files changed between REF and the working tree, and untracked files not ignored; deleted files left out. */
export function changedSince(cwd: string, ref: string): Set<string> {
  if (ref.startsWith("-")) throw new UsageError(`--since takes a git ref (a branch, tag or commit), got "${ref}"`);
  const top = topLevel(cwd);
  // `--end-of-options` keeps a ref from being read as a flag; verify first for a clear message.
  try {
    git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--since: "${ref}" is no commit, branch or tag in this repository`);
  }
  // What the branch changed since it left REF (the merge base, as `git diff REF...`), plus what is not
  // committed yet: not what REF gained since.
  let base = ref;
  try {
    base = git(top, ["merge-base", ref, "HEAD"]).toString().trim();
  } catch {
    /* no common history (or no HEAD yet): compare with REF itself */
  }
  const changed = listed(top, git(top, ["diff", "--no-ext-diff", "--no-textconv", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"]));
  const untracked = listed(top, git(top, ["ls-files", "-z", "--others", "--exclude-standard"]));
  return new Set([...changed, ...untracked]);
}

/** Files added or modified in the index. */
export function stagedFiles(cwd: string): Set<string> {
  const top = topLevel(cwd);
  return new Set(listed(top, git(top, ["diff", "--no-ext-diff", "--no-textconv", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d"])));
}

/** Reads staged files from the index (what the commit will hold) and every other file from the disk. */
export function stagedReader(cwd: string, staged: ReadonlySet<string>, base: FileReader, maxBytes = MAX_FILE_BYTES): FileReader {
  const top = topLevel(cwd);
  return {
    read(absPath) {
      if (!staged.has(absPath)) return base.read(absPath);
      const relative = path.relative(top, absPath).split(path.sep).join("/");
      let bytes: Buffer;
      try {
        // ":0:<path>" names the staged blob of exactly that path; ":<path>" would read "0:a.ts" as stage 0 of a.ts.
        bytes = git(top, ["cat-file", "blob", `:0:${relative}`]);
      } catch {
        return { notice: { kind: "unreadable", message: "could not read the staged version from git" } };
      }
      if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
      return { text: decode(bytes) };
    },
    isFile: (absPath) => staged.has(absPath) || base.isFile(absPath),
  };
}
