// The first pass: a file is parsed only if some rule's words occur in its raw text. Most files of a large tree
// never get past this point, which is where the speed comes from.
import type { Rule } from "./rule.js";

export function rulesWanting(text: string, rules: readonly Rule[]): Rule[] {
  const lower = text.toLowerCase();
  return rules.filter((rule) => rule.meta.needs.every((group) => group.some((word) => lower.includes(word.toLowerCase()))));
}
