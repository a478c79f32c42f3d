// Inline suppressions, as ESLint users write them:
//   // anaplan-auth-lint-disable-next-line <rule-id>[, <rule-id>] -- reason
//   // anaplan-auth-lint-disable-line <rule-id>
//   /* anaplan-auth-lint-disable <rule-id> */   (from there to the end of the file, or to an enable)
//   /* anaplan-auth-lint-enable <rule-id> */    (ends a disable for those rules, or for all without ids)
// and the same after `#` in YAML. Without a rule id a directive covers every rule. Suppressed findings leave
// `findings` for `suppressed` (they never count toward the exit code); directives that matched nothing can be
// reported (--report-unused-disable).
import { HOMEPAGE } from "./package-info.js";
import { scanTokens, tsApi } from "./parse/typescript.js";
import { FileText } from "./source.js";
import type { Finding, SuppressedFinding } from "./types.js";

interface Directive {
  kind: "next-line" | "line" | "rest-of-file" | "enable" | "unknown";
  /** The line the directive is written on. */
  line: number;
  column: number;
  rules: string[] | "all";
  justification?: string;
  used: boolean;
}

// The directive word must end where a rule list or the comment begins: "disable-nextline" is no "disable".
const DIRECTIVE = /^(?:\/\/|\/\*|#)\s*anaplan-auth-lint-(disable-next-line|disable-line|disable|enable)(?=\s|\*\/|$)([^\n*]*?)(?:\*\/|$)/;
// A comment that looks like a directive but is none (a typo), reported with --report-unused-disable.
const LOOKS_LIKE_DIRECTIVE = /^(?:\/\/|\/\*|#)\s*anaplan-auth-lint-([a-z-]+)/;

const KINDS: Record<string, Directive["kind"]> = { "disable-next-line": "next-line", "disable-line": "line", disable: "rest-of-file", enable: "enable" };

export function directivesIn(text: string, yaml: boolean): Directive[] {
  const out: Directive[] = [];
  if (!text.includes("anaplan-auth-lint-")) return out;
  const positions = new FileText("", "", text, yaml ? "data" : "script");
  // Only real comments count: the same words inside a string or a YAML block scalar are text.
  for (const [start, end] of yaml ? yamlComments(text) : codeComments(text)) {
    const comment = text.slice(start, end);
    const m = DIRECTIVE.exec(comment);
    const { line, column } = positions.position(start);
    if (!m) {
      const typo = LOOKS_LIKE_DIRECTIVE.exec(comment);
      if (typo) out.push({ kind: "unknown", line, column, rules: [typo[1]], used: false });
      continue;
    }
    const [spec, justification] = m[2].split(/\s--\s?/, 2);
    const ids = spec.split(/[\s,]+/).filter(Boolean);
    // An enable is never "unused": it only ends a disable.
    out.push({ kind: KINDS[m[1]], line, column, rules: ids.length ? ids : "all", justification: justification?.trim() || undefined, used: m[1] === "enable" });
  }
  return out;
}

/** The comments of JavaScript/TypeScript text, found with the compiler's scanner (strings and templates skipped). */
function codeComments(text: string): [number, number][] {
  const ts = tsApi();
  const out: [number, number][] = [];
  scanTokens(text, (kind, start, end) => {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) out.push([start, end]);
  });
  return out;
}

/**
 * The comments of YAML text: `#` at the start of a line or after a space, outside quotes, and not inside a
 * block scalar (`description: |` and the lines indented under it).
 */
function yamlComments(text: string): [number, number][] {
  const out: [number, number][] = [];
  let blockParent = -1;
  let offset = 0;
  for (const line of text.split("\n")) {
    const indent = /^ */.exec(line)![0].length;
    const inBlock = blockParent >= 0 && (line.trim() === "" || indent > blockParent);
    if (!inBlock) {
      blockParent = -1;
      let quote = "";
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
          out.push([offset + i, offset + line.length]);
          break;
        }
      }
      if (/(?:^|:|-)\s*[|>][-+0-9]*\s*(#.*)?\r?$/.test(line)) blockParent = indent;
    }
    offset += line.length + 1;
  }
  return out;
}

const names = (d: Directive, ruleId: string) => d.rules === "all" || d.rules.includes(ruleId);

/** Whether a directive suppresses a finding; a disable for the rest of the file ends at a later enable for it. */
function covers(d: Directive, f: Finding, all: readonly Directive[]): boolean {
  if (!names(d, f.ruleId)) return false;
  if (d.kind === "next-line") return f.line === d.line + 1;
  if (d.kind === "line") return f.line === d.line;
  if (d.kind !== "rest-of-file" || f.line < d.line) return false;
  return !all.some((e) => e.kind === "enable" && e.line > d.line && e.line <= f.line && names(e, f.ruleId));
}

export interface Suppression {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Directives that suppressed nothing, as warnings. */
  unused: Finding[];
}

/**
 * Sets aside the findings inline directives cover. With `reportUnused`, directives that covered nothing are
 * warnings, except those naming only rules the run turned off (`isOff`), as ESLint does.
 */
export function applySuppressions(findings: readonly Finding[], textOf: (file: string) => string | undefined, reportUnused: boolean, otherFiles: readonly string[] = [], isOff: (ruleId: string) => boolean = () => false): Suppression {
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
    const all = directives(f.file);
    const d = all.find((x) => covers(x, f, all));
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
      for (const d of list.filter((x) => !x.used && !(x.kind !== "unknown" && x.rules !== "all" && x.rules.every(isOff)))) {
        unused.push({
          ruleId: "unused-disable",
          messageId: "unused",
          severity: "warning",
          file,
          line: d.line,
          column: d.column,
          endLine: d.line,
          endColumn: d.column,
          message:
            d.kind === "unknown"
              ? `anaplan-auth-lint-${(d.rules as string[])[0]} is no directive, so this comment suppresses nothing; use disable-next-line, disable-line, disable or enable.`
              : `This anaplan-auth-lint-${d.kind === "next-line" ? "disable-next-line" : d.kind === "line" ? "disable-line" : "disable"} comment suppresses nothing${d.rules === "all" ? "" : ` (${d.rules.join(", ")})`}; remove it.`,
          docs: `${HOMEPAGE}#suppressions`,
        });
      }
    }
  }
  return { kept, suppressed, unused };
}
