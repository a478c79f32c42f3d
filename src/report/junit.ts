// --format junit: JUnit XML for CI servers that show test reports (Jenkins and the like): one test case per
// file and rule with findings, failing with each finding; one passing case when there is nothing to report.
import type { Finding, RunResult } from "../types.js";

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest escaped.
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function formatJunit(result: RunResult): string {
  const cases = new Map<string, Finding[]>();
  // Info findings say what could not be verified: reported elsewhere, not failures.
  for (const f of result.findings.filter((x) => x.severity !== "info")) {
    const key = `${f.file}\u0000${f.ruleId}`;
    cases.set(key, [...(cases.get(key) ?? []), f]);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = [...cases.values()].length;
  const tests = Math.max(failures, 1);
  lines.push(`<testsuites name="anaplan-auth-lint" tests="${tests}" failures="${failures}">`);
  lines.push(`  <testsuite name="anaplan-auth-lint" tests="${tests}" failures="${failures}" errors="0">`);
  if (!cases.size) lines.push(`    <testcase classname="anaplan-auth-lint" name="no findings"/>`);
  for (const findings of cases.values()) {
    const { file, ruleId } = findings[0];
    lines.push(`    <testcase classname="${xml(file)}" name="${xml(ruleId)}">`);
    const body = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message}`).join("\n");
    lines.push(`      <failure message="${xml(`${findings.length} finding${findings.length === 1 ? "" : "s"}`)}" type="${xml(findings[0].severity)}">${xml(body)}</failure>`);
    lines.push("    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>");
  return `${lines.join("\n")}\n`;
}
