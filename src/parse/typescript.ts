// ts-morph is the heaviest thing the tool loads (~0.3 s), so it is required only when a file passed the first
// pass and must be parsed. Analyses walk the compiler nodes it produces; nothing here type-checks.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

type TsMorphModule = typeof TsMorph;
export type ts = typeof TsMorph.ts;

let loaded: TsMorphModule | undefined;
let project: TsMorph.Project | undefined;

export function tsMorph(): TsMorphModule {
  loaded ??= createRequire(import.meta.url)("ts-morph") as TsMorphModule;
  return loaded;
}

/** The TypeScript compiler API bundled with ts-morph. */
export function tsApi(): typeof TsMorph.ts {
  return tsMorph().ts;
}

function host(): TsMorph.Project {
  if (!project) {
    const { Project } = tsMorph();
    // An in-memory file system: the tool reads files itself and hands their text over, so ts-morph never
    // touches the disk or resolves anything on its own.
    project = new Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      compilerOptions: { allowJs: true, noResolve: true },
    });
  }
  return project;
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

/** Parses `text` as the file at `path` (an absolute, possibly virtual, path). */
export function parseSource(path: string, text: string, flavour: ScriptFlavour): TsMorph.ts.SourceFile {
  const ts = tsApi();
  const kinds: Record<ScriptFlavour, TsMorph.ts.ScriptKind> = {
    ts: ts.ScriptKind.TS,
    tsx: ts.ScriptKind.TSX,
    js: ts.ScriptKind.JS,
    jsx: ts.ScriptKind.JSX,
    json: ts.ScriptKind.JSON,
  };
  const file = host().createSourceFile(path, text, { overwrite: true, scriptKind: kinds[flavour] });
  return file.compilerNode;
}

/** Drops a parsed file from ts-morph's cache so memory stays flat over large trees. */
export function releaseSource(path: string): void {
  const file = project?.getSourceFile(path);
  if (file) project!.removeSourceFile(file);
}
