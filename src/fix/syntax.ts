// How many syntax errors a text has, as the file's own parser sees it: a fix may never add one.
import { type ParseError, parseTree } from "jsonc-parser";
import { parseAllDocuments } from "yaml";
import { flavourOf, parseSource } from "../parse/typescript.js";

export function syntaxErrorCount(absPath: string, text: string): number {
  if (/\.ya?ml$/i.test(absPath)) {
    const docs = parseAllDocuments(text);
    return Array.isArray(docs) ? docs.reduce((n, d) => n + d.errors.length, 0) : 1;
  }
  const flavour = flavourOf(absPath);
  if (flavour === "json") {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    return errors.length;
  }
  if (!flavour) return 0;
  const sf = parseSource(absPath, text, flavour);
  return ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}
