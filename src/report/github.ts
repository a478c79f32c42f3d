// --format github: workflow commands, so findings show as annotations on the pull request. Data is escaped
// for %, CR and LF; property values also for : and ,.
import type { Finding, RunResult, Severity } from "../types.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export function escapeData(text: string): string {
  // Other control characters (a terminal escape from a scanned file) are percent-encoded too.
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `endLine=${f.endLine}`, `col=${f.column}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(`${f.ruleId} (anaplan-auth-lint)`)}`];
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(f.message)}`;
}

export function formatGithub(result: RunResult): string {
  return result.findings.map((f) => `${command(f)}\n`).join("");
}
