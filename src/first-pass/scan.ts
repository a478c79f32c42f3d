// The first pass over one file, as plain data so it can run on a worker thread: read it (size limit,
// encoding) and name the rules whose words it holds. The file's text stays where it was read.
import { type FileReader } from "../files.js";
import { rulesWanting, type RuleNeeds } from "../prefilter.js";

// Any directive, or a typo of one (reported with --report-unused-disable).
export const DIRECTIVE_WORD = "anaplan-auth-lint-";

export type FirstPass =
  | { notice: { kind: string; message: string } }
  | { wanted: string[]; directives: boolean };

export function firstPassOf(absPath: string, reader: FileReader, rules: readonly RuleNeeds[]): FirstPass & { text?: string } {
  const read = reader.read(absPath);
  if (!("text" in read)) return { notice: read.notice };
  const wanted = rulesWanting(read.text, rules).map((r) => r.meta.id);
  return { wanted, directives: read.text.includes(DIRECTIVE_WORD), text: read.text };
}
