// --format stylish: findings grouped by file, each with a short code frame (secrets redacted), then notices and
// a summary line. Colour is the caller's decision.
import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import { redact } from "../redact.js";
import type { Finding, RunResult } from "../types.js";

export interface StylishOptions {
  color: boolean;
  /** The text of a reported file (relative path as in findings), for code frames; undefined skips the frame. */
  sourceOf(file: string): string | undefined;
}

export function formatStylish(result: RunResult, options: StylishOptions): string {
  const c = pc.createColors(options.color);
  const severityLabel = (f: Finding): string =>
    f.severity === "error" ? c.red("error") : f.severity === "warning" ? c.yellow("warning") : c.blue("info");
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push(c.underline(file));
    const text = options.sourceOf(file);
    const redacted = text === undefined ? undefined : redact(text);
    for (const f of findings) {
      lines.push(`${file}:${f.line}:${f.column}  ${severityLabel(f)}  ${f.message}  ${c.dim(f.ruleId)}`);
      for (const r of f.relatedLocations ?? []) lines.push(c.dim(`    ↳ ${r.file}:${r.line}:${r.column} ${r.message}`));
      if (redacted !== undefined) {
        // Redaction shortens lines, so keep the marker within the line as shown.
        const shownLength = redacted.split(/\r\n|\r|\n/)[f.line - 1]?.length ?? 0;
        const end = f.endLine === f.line ? { line: f.line, column: Math.min(f.endColumn, shownLength + 1) } : undefined;
        const frame = codeFrameColumns(
          redacted,
          { start: { line: f.line, column: Math.min(f.column, shownLength + 1) }, end },
          { linesAbove: 1, linesBelow: 1, highlightCode: options.color, forceColor: options.color },
        );
        lines.push(...frame.split("\n").map((l) => `  ${l}`));
      }
      lines.push("");
    }
  }
  if (result.notices.length) {
    lines.push(c.bold("Notices (what the tool could not do):"));
    for (const n of result.notices) lines.push(`  ${n.file}${n.line ? `:${n.line}` : ""}  ${n.kind}  ${redact(n.message)}`);
    lines.push("");
  }
  lines.push(summaryLine(result, c));
  return `${lines.join("\n")}\n`;
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
