// The first pass: a file is parsed only if some rule's words occur in its raw text. Most files of a large tree
// never get past this point, which is where the speed comes from. One case-insensitive regular expression of
// each rule's first (rarest) word group turns most files away in a single scan; only the few that match are
// checked rule by rule.
/** What the first pass needs of a rule: its id and its words. Plain data, so it can go to a worker. */
export interface RuleNeeds {
  meta: { id: string; needs: string[][] };
}


const escapeText = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// "^word" must start a word: `^tokenValue` passes `body.tokenValue` but not a lexer's `getTokenValue`.
const escape = (word: string) => (word.startsWith("^") ? `(?<![A-Za-z0-9_])${escapeText(word.slice(1))}` : escapeText(word));
const anyOf = (words: readonly string[]) => new RegExp(words.map(escape).join("|"), "i");

/** Per rule, one expression per word group; each must match. */
const compiled = new WeakMap<RuleNeeds, RegExp[]>();
// Keyed by the rules' ids: callers filter the rule list per file, making a new array each time.
const gates = new Map<string, RegExp>();

function groupsOf(rule: RuleNeeds): RegExp[] {
  let groups = compiled.get(rule);
  if (!groups) {
    groups = rule.meta.needs.map(anyOf);
    compiled.set(rule, groups);
  }
  return groups;
}

/**
 * Whether any of these rules could want the text: one scan for the words of each rule's first group (a rule
 * needs every group, so its first one too). The first group is the rare one: a token field name, not the
 * strictness words ("strict", "never", "keys") that nearly every file holds.
 */
export function mayMatter(text: string, rules: readonly RuleNeeds[]): boolean {
  const key = rules.map((r) => r.meta.id).join("\u0000");
  let gate = gates.get(key);
  if (!gate) {
    gate = anyOf([...new Set(rules.flatMap((r) => r.meta.needs[0] ?? []))]);
    gates.set(key, gate);
  }
  return gate.test(text);
}

export function rulesWanting<R extends RuleNeeds>(text: string, rules: readonly R[]): R[] {
  if (!rules.length || !mayMatter(text, rules)) return [];
  return rules.filter((rule) => groupsOf(rule).every((group) => group.test(text)));
}
