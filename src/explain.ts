// Rule documentation as text: --list-rules, --explain, docs/rules/*.md and the README's rule table all come from
// the metadata in rules/, so they cannot drift apart.
import { ruleDocsUrl } from "./package-info.js";
import type { Rule } from "./rule.js";
import { rules } from "../rules/index.js";

const FIX_WORDS = { always: "always", sometimes: "sometimes", never: "never" } as const;

export function listRules(): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  fix: ${FIX_WORDS[r.meta.fix].padEnd(9)}  ${r.meta.summary}`);
  return `${lines.join("\n")}\n`;
}

/** The rules' metadata for scripts: id, summary, default severity, fix availability, docs URL. */
export function listRulesJson(): string {
  const list = rules.map((r) => ({ id: r.meta.id, summary: r.meta.summary, severity: r.meta.severity, fix: r.meta.fix, docs: ruleDocsUrl(r.meta.id) }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** A rule's documentation in Markdown, in ruff's order: what it finds, why it breaks now, example, fix. */
export function ruleMarkdown(rule: Rule): string {
  const { id, summary, severity, fix, docs } = rule.meta;
  return [
    `# ${id}`,
    "",
    `${summary}.`,
    "",
    `Default severity: **${severity}**. Fix available: **${FIX_WORDS[fix]}**.`,
    "",
    "## What it finds",
    "",
    docs.whatItFinds,
    "",
    "## Why it breaks now",
    "",
    docs.whyItBreaksNow,
    "",
    "## Example",
    "",
    "```ts",
    docs.example,
    "```",
    "",
    "## Fixed example",
    "",
    "```ts",
    docs.fixedExample,
    "```",
    "",
  ].join("\n");
}

/** The README's rule table (between the rule-table markers). */
export function ruleTable(): string {
  const rows = rules.map((r) => `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.severity} | ${FIX_WORDS[r.meta.fix]} | ${r.meta.summary} |`);
  return ["| Rule | Severity | Fix | What it checks |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
