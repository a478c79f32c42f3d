// --format gitlab: GitLab's Code Quality report (a JSON array), for merge request widgets.
import type { RunResult, Severity } from "../types.js";
import { fingerprints } from "./fingerprint.js";

const SEVERITY: Record<Severity, "info" | "minor" | "major" | "critical"> = { error: "critical", warning: "minor", info: "info" };

export function formatGitlab(result: RunResult, sourceOf: (file: string) => string | undefined): string {
  const prints = fingerprints(result.findings, sourceOf);
  const issues = result.findings.map((f, i) => ({
    description: f.message,
    check_name: f.ruleId,
    fingerprint: prints[i],
    severity: SEVERITY[f.severity],
    location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
