// --format stylish: findings grouped by file, each with a short code frame (secrets redacted), then notices and
// a summary line. Colour is the caller's decision.
import { codeFrameColumns } from "@babel/code-frame";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import { redact } from "../redact.js";
import type { Finding, RunResult } from "../types.js";

export interface StylishOptions {
  color: boolean;
  /** The text of a reported file (relative path as in findings), for code frames; undefined skips the frame. */
  sourceOf(file: string): string | undefined;
  /** With --fix or --fix-dry-run: each changed file's text before and after. */
  texts?: Map<string, { original: string; fixed: string }>;
}

export function formatStylish(result: RunResult, options: StylishOptions): string {
  const c = pc.createColors(options.color);
  const severityLabel = (f: Finding): string =>
    f.severity === "error" ? c.red("error") : f.severity === "warning" ? c.yellow("warning") : c.blue("info");
  const lines: string[] = [];
  // What --fix changed (or would change) comes first, then what is left.
  lines.push(...fixLines(result, options, c));
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push(c.underline(printable(file)));
    const text = options.sourceOf(file);
    const redacted = text === undefined ? undefined : printable(redact(text));
    for (const f of findings) {
      lines.push(`${printable(file)}:${f.line}:${f.column}  ${severityLabel(f)}  ${printable(f.message)}  ${c.dim(f.ruleId)}`);
      for (const r of f.relatedLocations ?? []) lines.push(c.dim(`    ↳ ${printable(r.file)}:${r.line}:${r.column} ${r.message}`));
      if (redacted !== undefined) {
        const excerpt = frameExcerpt(redacted, f);
        const frame = codeFrameColumns(excerpt.text, excerpt.location, {
          linesAbove: 1,
          linesBelow: 1,
          highlightCode: options.color,
          forceColor: options.color,
        });
        lines.push(...frame.split("\n").map((l) => `  ${l}`));
      }
      lines.push("");
    }
  }
  if (result.notices.length) {
    lines.push(c.bold("Notices (what the tool could not do):"));
    for (const n of result.notices) lines.push(`  ${printable(n.file)}${n.line ? `:${n.line}` : ""}  ${n.kind}  ${printable(redact(n.message))}`);
    lines.push("");
  }
  lines.push(summaryLine(result, c));
  return `${lines.join("\n")}\n`;
}

/** What --fix changed, or the diff --fix-dry-run would apply (redacted like the code frames). */
function fixLines(result: RunResult, options: StylishOptions, c: ReturnType<typeof pc.createColors>): string[] {
  const lines: string[] = [];
  if (result.dryRun) {
    for (const f of result.dryRun) {
      const texts = options.texts?.get(f.file);
      if (!texts) continue;
      const patch = createTwoFilesPatch(printable(f.file), printable(f.file), redact(texts.original), redact(texts.fixed), undefined, undefined, { context: 3 });
      // The patch without its "Index:"/"====" preamble, as git diff prints it.
      const body = patch.trimEnd().split("\n").filter((l) => !l.startsWith("Index: ") && !/^=+$/.test(l));
      lines.push(...body.map(printable).map((l) => (l.startsWith("+") && !l.startsWith("+++") ? c.green(l) : l.startsWith("-") && !l.startsWith("---") ? c.red(l) : l)), "");
    }
    const count = result.dryRun.reduce((n, f) => n + f.fixes, 0);
    lines.push(c.bold(`--fix would apply ${count} fix${count === 1 ? "" : "es"} in ${result.dryRun.length} file${result.dryRun.length === 1 ? "" : "s"}; nothing was written.`), "");
  }
  if (result.fixed && !result.fixed.length) lines.push(c.bold("Nothing to fix automatically. What is left:"), "");
  else if (result.fixed) {
    for (const f of result.fixed) lines.push(`${c.green("fixed")}  ${printable(f.file)}  (${f.fixes} fix${f.fixes === 1 ? "" : "es"})`);
    const count = result.fixed.reduce((n, f) => n + f.fixes, 0);
    lines.push(c.bold(`Applied ${count} fix${count === 1 ? "" : "es"} in ${result.fixed.length} file${result.fixed.length === 1 ? "" : "s"}. What is left:`), "");
  }
  return lines;
}

/**
 * Control characters from scanned files (and their names) shown as escapes, so a file cannot send the
 * terminal escape sequences (colours, titles, cursor moves) or hide text behind NULs.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

const FRAME_WIDTH = 160;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/**
 * The text for a finding's code frame: only the lines around it, each cut to FRAME_WIDTH characters (a window
 * around the marker on the finding's own line), so a minified bundle does not print megabytes. Other lines are
 * left empty so line numbers stay right. Redaction shortens lines too: the marker is kept within the line.
 */
function frameExcerpt(text: string, f: Finding): { text: string; location: { start: { line: number; column: number }; end?: { line: number; column: number } } } {
  const all = text.split(LINE_BREAK);
  const shown = all.map((line, i) => (Math.abs(i + 1 - f.line) <= 1 ? line : ""));
  const own = all[f.line - 1] ?? "";
  let from = 0;
  if (own.length > FRAME_WIDTH) from = Math.max(0, Math.min(f.column - 1 - 40, own.length - FRAME_WIDTH));
  for (const i of [f.line - 2, f.line]) {
    if (shown[i] !== undefined && shown[i].length > FRAME_WIDTH) shown[i] = `${shown[i].slice(0, FRAME_WIDTH)}…`;
  }
  const cut = own.slice(from, from + FRAME_WIDTH);
  const lead = from ? "…" : "";
  shown[f.line - 1] = `${lead}${cut}${from + FRAME_WIDTH < own.length ? "…" : ""}`;
  const limit = lead.length + cut.length + 1;
  const column = Math.min(Math.max(1, f.column - from + lead.length), limit);
  const endColumn = f.endLine === f.line ? Math.min(Math.max(column, f.endColumn - from + lead.length), limit) : undefined;
  return {
    text: shown.join("\n"),
    location: { start: { line: f.line, column }, end: endColumn !== undefined ? { line: f.line, column: endColumn } : undefined },
  };
}

function summaryLine(result: RunResult, c: ReturnType<typeof pc.createColors>): string {
  const { errors, warnings, infos, files } = result.summary;
  const problems = errors + warnings + infos;
  const counts = `${problems} ${problems === 1 ? "problem" : "problems"} (${errors} ${plural(errors, "error")}, ${warnings} ${plural(warnings, "warning")}, ${infos} info) in ${files} ${plural(files, "file")} scanned`;
  if (errors) return c.red(c.bold(`✖ ${counts}`));
  if (warnings) return c.yellow(c.bold(`⚠ ${counts}`));
  if (infos) return c.blue(`ℹ ${counts}`);
  return c.green(`✔ ${counts}`);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
