// Inline suppressions, as ESLint users write them:
//   // anaplan-auth-lint-disable-next-line <rule-id>[, <rule-id>] -- reason
//   // anaplan-auth-lint-disable-line <rule-id>
//   /* anaplan-auth-lint-disable <rule-id> */   (from there to the end of the file)
// and the same after `#` in YAML. Without a rule id a directive covers every rule. Suppressed findings leave
// `findings` for `suppressed` (they never count toward the exit code); directives that matched nothing can be
// reported (--report-unused-disable).
import { HOMEPAGE } from "./package-info.js";
import type { Finding, SuppressedFinding } from "./types.js";

interface Directive {
  kind: "next-line" | "line" | "rest-of-file";
  /** The line the directive is written on. */
  line: number;
  column: number;
  rules: string[] | "all";
  justification?: string;
  used: boolean;
}

const DIRECTIVE = /(?:\/\/|\/\*|#)\s*anaplan-auth-lint-(disable-next-line|disable-line|disable)\b([^\n*]*?)(?:\*\/|$)/;

export function directivesIn(text: string, yaml: boolean): Directive[] {
  const out: Directive[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, i) => {
    if (!lineText.includes("anaplan-auth-lint-disable")) return;
    const m = DIRECTIVE.exec(lineText);
    if (!m || (yaml && !m[0].startsWith("#")) || (!yaml && m[0].startsWith("#"))) return;
    const [spec, justification] = m[2].split(/\s--\s?/, 2);
    const ids = spec.split(/[\s,]+/).filter(Boolean);
    const kind = m[1] === "disable-next-line" ? "next-line" : m[1] === "disable-line" ? "line" : "rest-of-file";
    out.push({ kind, line: i + 1, column: m.index + 1, rules: ids.length ? ids : "all", justification: justification?.trim() || undefined, used: false });
  });
  return out;
}

function covers(d: Directive, f: Finding): boolean {
  if (d.rules !== "all" && !d.rules.includes(f.ruleId)) return false;
  if (d.kind === "next-line") return f.line === d.line + 1;
  if (d.kind === "line") return f.line === d.line;
  return f.line >= d.line;
}

export interface Suppression {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Directives that suppressed nothing, as warnings. */
  unused: Finding[];
}

export function applySuppressions(findings: readonly Finding[], textOf: (file: string) => string | undefined, reportUnused: boolean, otherFiles: readonly string[] = []): Suppression {
  const byFile = new Map<string, Directive[]>();
  const directives = (file: string): Directive[] => {
    if (!byFile.has(file)) {
      const text = textOf(file);
      // JSON has no comments: findings there are suppressed through the configuration, not inline.
      byFile.set(file, text === undefined || /\.json$/i.test(file) ? [] : directivesIn(text, /\.ya?ml$/i.test(file)));
    }
    return byFile.get(file)!;
  };
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const d = directives(f.file).find((x) => covers(x, f));
    if (!d) {
      kept.push(f);
      continue;
    }
    d.used = true;
    suppressed.push({ ...f, suppression: { kind: "inline", ...(d.justification ? { justification: d.justification } : {}) } });
  }
  const unused: Finding[] = [];
  if (reportUnused) {
    for (const file of otherFiles) directives(file);
    for (const [file, list] of byFile) {
      for (const d of list.filter((x) => !x.used)) {
        unused.push({
          ruleId: "unused-disable",
          messageId: "unused",
          severity: "warning",
          file,
          line: d.line,
          column: d.column,
          endLine: d.line,
          endColumn: d.column,
          message: `This anaplan-auth-lint-${d.kind === "next-line" ? "disable-next-line" : d.kind === "line" ? "disable-line" : "disable"} comment suppresses nothing${d.rules === "all" ? "" : ` (${d.rules.join(", ")})`}; remove it.`,
          docs: `${HOMEPAGE}#suppressions`,
        });
      }
    }
  }
  return { kept, suppressed, unused };
}
