// The TypeScript compiler bundled with ts-morph is the heaviest thing the tool loads (~0.25 s), so it is
// required only when a file passed the first pass and must be parsed. Analyses walk its compiler nodes;
// nothing type-checks, and no ts-morph wrapper is used, so the compiler module is loaded on its own: ts-morph's
// `ts` is this very module, and skipping ts-morph's own 4 MB of code saves about 70 ms of every such run.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

export type ts = typeof TsMorph.ts;

let loaded: ts | undefined;

/** The TypeScript compiler API bundled with ts-morph (ts-morph's `ts`). */
export function tsApi(): ts {
  loaded ??= loadCompiler();
  return loaded;
}

function loadCompiler(): ts {
  const fromHere = createRequire(import.meta.url);
  try {
    // Resolved from ts-morph's own folder, where its dependency is found under any package manager's layout.
    return createRequire(fromHere.resolve("ts-morph"))("@ts-morph/common/dist/typescript.js") as ts;
  } catch {
    // A later ts-morph may keep its compiler elsewhere: then through ts-morph itself, as before.
    return (fromHere("ts-morph") as typeof TsMorph).ts;
  }
}

export type ScriptFlavour = "ts" | "tsx" | "js" | "jsx" | "json";

export function flavourOf(path: string): ScriptFlavour | undefined {
  const m = /\.([cm]?[jt]sx?|json)$/i.exec(path);
  if (!m) return undefined;
  const ext = m[1].toLowerCase();
  if (ext === "json") return "json";
  if (ext.endsWith("x")) return ext.includes("t") ? "tsx" : "jsx";
  return ext.includes("t") ? "ts" : "js";
}

/**
 * Parses `text` as the file at `path` (an absolute, possibly virtual, path) with parent pointers set. The
 * compiler's own parser is used, not a ts-morph Project: analyses walk compiler nodes only, and a Project's
 * wrapper bookkeeping made releasing a file quadratic in its longest line (minified bundles). Dropping the
 * returned node releases the file.
 */
export function parseSource(path: string, text: string, flavour: ScriptFlavour): TsMorph.ts.SourceFile {
  const ts = tsApi();
  const kinds: Record<ScriptFlavour, TsMorph.ts.ScriptKind> = {
    ts: ts.ScriptKind.TS,
    tsx: ts.ScriptKind.TSX,
    js: ts.ScriptKind.JS,
    jsx: ts.ScriptKind.JSX,
    json: ts.ScriptKind.JSON,
  };
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kinds[flavour]);
}

/**
 * Walks the tokens of script text with the compiler's scanner, which needs no stack however deep the text
 * nests: comments included, regular expressions and template parts told apart from division and braces.
 */
export function scanTokens(text: string, visit: (kind: TsMorph.ts.SyntaxKind, start: number, end: number) => void): void {
  const ts = tsApi();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const templates: number[] = [];
  let depth = 0;
  let previous = ts.SyntaxKind.Unknown;
  const endsExpression = new Set([ts.SyntaxKind.Identifier, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateTail]);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      visit(kind, scanner.getTokenStart(), scanner.getTokenEnd());
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !endsExpression.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(depth);
    else if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length && templates[templates.length - 1] === depth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    }
    visit(kind, scanner.getTokenStart(), scanner.getTokenEnd());
    previous = kind;
  }
}

/** How deeply brackets nest in script text, measured with the scanner before the (recursive) parser runs. */
export function scriptNesting(text: string): number {
  const ts = tsApi();
  const opens = new Set([ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.TemplateHead]);
  const closes = new Set([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.TemplateTail]);
  let depth = 0;
  let max = 0;
  scanTokens(text, (kind) => {
    if (opens.has(kind)) max = Math.max(max, ++depth);
    else if (closes.has(kind)) depth = Math.max(0, depth - 1);
  });
  return max;
}
