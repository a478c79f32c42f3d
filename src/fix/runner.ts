// --fix, --unsafe-fixes, --fix-dry-run: lint, apply the fixes in memory, lint the new texts again, until
// nothing changes (at most 10 passes), then write each changed file once, atomically. A fix that would leave
// a file unparsable is not applied; a file that changed on disk since it was read is not written.
import fs from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { lint, type RunOptions } from "../engine.js";
import { decode, type FileReader, nodeFileReader } from "../files.js";
import type { Fix, FixedFile, Notice, RunResult, TextEdit } from "../types.js";
import { FileText } from "../source.js";
import { redact } from "../redact.js";
import { isDataFile } from "../analysis/schema-files.js";
import { applyFixes, eolOf } from "./apply.js";
import { syntaxErrorCount } from "./syntax.js";
import { hashText } from "../cache.js";
import { encode, encodingOf, type FileWriter, nodeFileWriter, REFUSED } from "./writer.js";

export const MAX_FIX_PASSES = 10;

export interface FixRunOptions extends RunOptions {
  /** Apply each finding's first suggestion where it has no safe fix. */
  unsafe?: boolean;
  /** Write nothing; report what would change. */
  dryRun?: boolean;
  writer?: FileWriter;
}

interface Changed {
  original: string;
  current: string;
  /** Syntax errors in `current`: a fix may not add one. */
  syntaxErrors: number;
  fixes: number;
  seen: Set<string>;
}

export interface FixOutcome {
  result: RunResult;
  /** Per changed file (relative path): its text before and after the fixes. */
  texts: Map<string, { original: string; fixed: string }>;
}

export async function lintAndFix(options: FixRunOptions): Promise<FixOutcome> {
  const base = options.reader ?? nodeFileReader;
  const writer = options.writer ?? nodeFileWriter;
  const changed = new Map<string, Changed>();
  const blocked = new Set<string>();
  const notices: Notice[] = [];
  // What each file held (its hash) when the run first read it: fixes are computed from that text, so a file edited
  // since (by an editor, mid-run) must not get them at offsets that no longer fit.
  const firstRead = new Map<string, string>();
  const reader: FileReader = {
    read: (absPath) => {
      const entry = changed.get(absPath);
      if (entry) return { text: entry.current };
      const read = base.read(absPath);
      if ("text" in read && !firstRead.has(absPath)) firstRead.set(absPath, hashText(read.text));
      return read;
    },
    isFile: (absPath) => base.isFile(absPath),
  };
  // Only the files the run scans are fixed: a helper the analysis followed an import into is reported, but
  // `--fix a.ts` (as lint-staged runs it) must not rewrite b.ts.
  let scanned = new Set<string>();
  const run = () =>
    lint({
      ...options,
      reader,
      onFiles: (files) => {
        scanned = new Set(files.map((f) => relative(options.cwd, f)));
        options.onFiles?.(files);
      },
    });
  let result = await run();
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    let progress = false;
    for (const [file, fixes] of fixesByFile(result, options.unsafe ?? false, blocked)) {
      if (!scanned.has(file)) continue;
      const absPath = path.resolve(options.cwd, file);
      const entry = changed.get(absPath) ?? startChange(absPath, base);
      if (!entry) continue;
      if (!changed.has(absPath) && firstRead.has(absPath) && hashText(entry.original) !== firstRead.get(absPath)) {
        for (const fix of fixes) blocked.add(fixKey(file, fix));
        notices.push({ kind: "changed-on-disk", file, message: "not fixed: the file changed on disk while it was being checked; run again" });
        continue;
      }
      const { text, applied } = applyFixes(entry.current, fixes, eolOf(entry.current));
      if (text === entry.current) continue;
      const syntaxErrors = syntaxErrorCount(absPath, text);
      if (syntaxErrors > entry.syntaxErrors) {
        for (const fix of applied) blocked.add(fixKey(file, fix));
        notices.push({ kind: "fix-failed", file, message: `not applied, because the file would no longer parse: ${applied.map((f) => f.description).join("; ")}` });
        continue;
      }
      if (entry.seen.has(text)) {
        for (const fix of applied) blocked.add(fixKey(file, fix));
        notices.push({ kind: "fix-cycle", file, message: "fixes undo each other here; stopped after the first round" });
        continue;
      }
      entry.seen.add(text);
      entry.current = text;
      entry.syntaxErrors = syntaxErrors;
      entry.fixes += applied.length;
      changed.set(absPath, entry);
      progress = true;
    }
    if (!progress) break;
    result = await run();
    if (pass === MAX_FIX_PASSES && [...fixesByFile(result, options.unsafe ?? false, blocked).keys()].some((file) => scanned.has(file))) {
      notices.push({ kind: "fix-cycle", file: ".", message: `fixes were still being found after ${MAX_FIX_PASSES} passes; stopped` });
    }
  }
  const files: FixedFile[] = [];
  const texts = new Map<string, { original: string; fixed: string }>();
  let unwritten = false;
  for (const [absPath, entry] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (entry.current === entry.original) continue;
    const file = relative(options.cwd, absPath);
    if (!options.dryRun) {
      const problem = throughLink(options.cwd, absPath) ?? write(writer, absPath, entry);
      if (problem) {
        notices.push({ ...problem, file });
        // What is left is what is on disk: that file keeps its findings.
        changed.delete(absPath);
        unwritten = true;
        continue;
      }
    }
    // Whole changed lines can hold a key or a password beside the fix: printed, they are redacted like diffs.
    const edits = editsBetween(absPath, file, entry.original, entry.current).map((e) => ({ ...e, text: redact(e.text) }));
    files.push({ file, fixes: entry.fixes, edits });
    texts.set(file, { original: entry.original, fixed: entry.current });
  }
  if (unwritten) result = await run();
  const out: RunResult = { ...result, notices: [...result.notices, ...notices].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
  if (options.dryRun) out.dryRun = files;
  else out.fixed = files;
  return { result: out, texts };
}

function fixesByFile(result: RunResult, unsafe: boolean, blocked: Set<string>): Map<string, Fix[]> {
  const out = new Map<string, Fix[]>();
  for (const finding of result.findings) {
    const fix = finding.fix ?? (unsafe ? finding.suggestions?.[0] : undefined);
    if (!fix || blocked.has(fixKey(finding.file, fix))) continue;
    out.set(finding.file, [...(out.get(finding.file) ?? []), fix]);
  }
  return out;
}

function fixKey(file: string, fix: Fix): string {
  return `${file}\u0000${JSON.stringify(fix.edits)}`;
}

function startChange(absPath: string, reader: FileReader): Changed | undefined {
  const read = reader.read(absPath);
  if (!("text" in read)) return undefined;
  return { original: read.text, current: read.text, syntaxErrors: syntaxErrorCount(absPath, read.text), fixes: 0, seen: new Set([read.text]) };
}

function relative(cwd: string, absPath: string): string {
  return path.relative(cwd, absPath).split(path.sep).join("/");
}

/**
 * A file reached through a symbolic link to a folder (`lib -> ../elsewhere`) lies outside the tree as it is
 * really laid out: it is not written, as a linked file is not.
 */
function throughLink(cwd: string, absPath: string): Omit<Notice, "file"> | undefined {
  try {
    const expected = path.resolve(fs.realpathSync(cwd), path.relative(cwd, absPath));
    if (fs.realpathSync(absPath) === expected) return undefined;
  } catch {
    return undefined; // gone or unreadable: the write itself says so
  }
  return { kind: "write-failed", message: "not fixed: it is a symbolic link, or lies in a linked folder; fix the file where it really is" };
}

/** Writes the fixed text unless the file changed on disk since it was read; a notice when it cannot. */
function write(writer: FileWriter, absPath: string, entry: Changed): Omit<Notice, "file"> | undefined {
  let bytes: Buffer;
  try {
    bytes = writer.readBytes(absPath);
  } catch (error) {
    return { kind: "write-failed", message: `not fixed: the file could not be read again (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (decode(bytes) !== entry.original) return { kind: "changed-on-disk", message: "not fixed: the file changed on disk while it was being checked; run again" };
  // Bytes that are no valid UTF-8 (or UTF-16) were read as U+FFFD: written back, they would be lost.
  if (!encode(entry.original, encodingOf(bytes)).equals(bytes)) return { kind: "write-failed", message: "not fixed: it holds bytes that are not valid UTF-8 (or UTF-16), which writing it would change; fix it by hand" };
  try {
    writer.replace(absPath, encode(entry.current, encodingOf(bytes)));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === REFUSED.readOnly ? "it is read-only; make it writable to fix it"
      : code === REFUSED.symlink ? "it is a symbolic link; fix the file it points to"
      : code === REFUSED.hardLinks ? "it has other hard links, which a safe write (a rename) would split; fix it by hand"
      : code === "ENOSPC" ? "the disk is full"
      : code === "EACCES" || code === "EPERM" ? `the tool may not write in its folder (${code})`
      : `it could not be written (${code ?? String(error)})`;
    return { kind: "write-failed", message: `not fixed: ${why}; it is unchanged` };
  }
}

/** The edits that turn the original text into the fixed one, as offsets, lines and columns of the original. */
function editsBetween(absPath: string, file: string, original: string, fixed: string): TextEdit[] {
  const source = new FileText(file, absPath, original, isDataFile(absPath) ? "data" : "script");
  const at = (offset: number) => ({ offset, ...source.position(offset) });
  const edits: TextEdit[] = [];
  let offset = 0;
  // Whole lines, so each edit reads as the change it is.
  for (const part of diffLines(original, fixed)) {
    if (part.added) {
      const last = edits.at(-1);
      if (last && last.range.end.offset === offset && last.text === "") last.text = part.value;
      else edits.push({ range: { start: at(offset), end: at(offset) }, text: part.value });
    } else if (part.removed) {
      edits.push({ range: { start: at(offset), end: at(offset + part.value.length) }, text: "" });
      offset += part.value.length;
    } else offset += part.value.length;
  }
  return edits;
}
