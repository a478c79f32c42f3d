// Applying fixes to a text: each fix's edits together or not at all, in order, never two that overlap or touch
// in one pass (the later one waits for the next pass, when its finding is computed again on the new text).
import type { Fix, TextEdit } from "../types.js";

export interface Applied {
  text: string;
  applied: Fix[];
  deferred: Fix[];
}

export function applyFixes(text: string, fixes: readonly Fix[], eol: "\n" | "\r\n"): Applied {
  const taken: [number, number][] = [];
  const applied: Fix[] = [];
  const deferred: Fix[] = [];
  const clashes = (edit: TextEdit) =>
    taken.some(([s, e]) => edit.range.start.offset <= e && edit.range.end.offset >= s);
  // Earlier fixes first, so the outcome does not depend on the order findings were reported in.
  const ordered = [...fixes].sort((a, b) => firstOffset(a) - firstOffset(b));
  for (const fix of ordered) {
    if (!fix.edits.length || fix.edits.some(clashes) || selfOverlapping(fix) || fix.edits.some((e) => e.range.end.offset > text.length)) {
      deferred.push(fix);
      continue;
    }
    for (const edit of fix.edits) taken.push([edit.range.start.offset, edit.range.end.offset]);
    applied.push(fix);
  }
  const edits = applied.flatMap((f) => f.edits).sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  let out = text;
  for (const edit of edits) {
    const insert = withEol(edit.text, eol);
    out = out.slice(0, edit.range.start.offset) + insert + out.slice(edit.range.end.offset);
  }
  return { text: out, applied, deferred };
}

function firstOffset(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.range.start.offset));
}

function selfOverlapping(fix: Fix): boolean {
  const sorted = [...fix.edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  return sorted.some((e, i) => i > 0 && e.range.start.offset < sorted[i - 1].range.end.offset);
}

/** Inserted text with the file's own line endings (fixes are written with \n). */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  return eol === "\r\n" ? text.replace(/\r?\n/g, "\r\n") : text;
}

/** The line ending a file mostly uses. */
export function eolOf(text: string): "\n" | "\r\n" {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? "\r\n" : "\n";
}
