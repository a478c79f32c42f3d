// A finding's identity that survives edits elsewhere in the file: the rule, the file and the text of the
// finding's line (whitespace squeezed), numbered among identical ones. Lines inserted above do not change it.
import { createHash } from "node:crypto";
import type { Finding } from "../types.js";

/** Hashes a finding by its rule, message kind, file and line text; one line cache per caller. */
export function lineHasher(sourceOf: (file: string) => string | undefined): (f: Finding) => string {
  const lines = new Map<string, string[]>();
  return (f) => {
    // Lines counted as the finding's line was: scripts also break at U+2028/U+2029, as JavaScript does.
    if (!lines.has(f.file)) lines.set(f.file, (sourceOf(f.file) ?? "").split(/\.(json|ya?ml)$/i.test(f.file) ? /\r\n|\r|\n/ : /\r\n|\r|\n|\u2028|\u2029/));
    const text = (lines.get(f.file)![f.line - 1] ?? "").replace(/\s+/g, " ").trim();
    return createHash("sha256").update(`${f.ruleId}\u0000${f.messageId}\u0000${f.file}\u0000${text}`).digest("hex").slice(0, 16);
  };
}

export function fingerprints(findings: readonly Finding[], sourceOf: (file: string) => string | undefined): string[] {
  const hash = lineHasher(sourceOf);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = hash(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}:${n}`;
  });
}
