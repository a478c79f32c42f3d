// --format compact: one line per finding, for editors' problem matchers and grep.
import type { RunResult } from "../types.js";
import { printable } from "./stylish.js";

/** One line, whatever the file name or message holds: line breaks and control characters are escaped. */
function oneLine(text: string): string {
  return printable(text.replace(/\r/g, "\\r").replace(/\n/g, "\\n"));
}

export function formatCompact(result: RunResult): string {
  return result.findings.map((f) => `${oneLine(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${oneLine(f.message.replace(/\s*\n\s*/g, " "))}\n`).join("");
}
