// ts-morph is the heaviest thing the tool loads (~0.3 s), so it is required only when a file passed the first
// pass and must be parsed. Analyses walk the compiler nodes of its bundled TypeScript; nothing type-checks.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

type TsMorphModule = typeof TsMorph;
export type ts = typeof TsMorph.ts;

let loaded: TsMorphModule | undefined;

export function tsMorph(): TsMorphModule {
  loaded ??= createRequire(import.meta.url)("ts-morph") as TsMorphModule;
  return loaded;
}

/** The TypeScript compiler API bundled with ts-morph. */
export function tsApi(): typeof TsMorph.ts {
  return tsMorph().ts;
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
