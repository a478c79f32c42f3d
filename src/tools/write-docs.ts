// Writes docs/rules/<id>.md and the README's rule table from the rules' metadata (npm run docs).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ruleMarkdown, ruleTable } from "../explain.js";
import { rules } from "../../rules/index.js";

export const TABLE_START = "<!-- rule-table:start -->";
export const TABLE_END = "<!-- rule-table:end -->";

export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error("README.md has no rule-table markers");
  return `${readme.slice(0, start + TABLE_START.length)}\n${ruleTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  fs.mkdirSync(path.join(root, "docs/rules"), { recursive: true });
  for (const rule of rules) fs.writeFileSync(path.join(root, "docs/rules", `${rule.meta.id}.md`), ruleMarkdown(rule));
  const readmePath = path.join(root, "README.md");
  fs.writeFileSync(readmePath, readmeWithTable(fs.readFileSync(readmePath, "utf8")));
  console.log(`wrote ${rules.length} rule docs and the README rule table`);
}
