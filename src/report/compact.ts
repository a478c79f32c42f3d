// --format compact: one line per finding, for editors' problem matchers and grep.
import type { RunResult } from "../types.js";

export function formatCompact(result: RunResult): string {
  return result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, " ")}\n`).join("");
}
