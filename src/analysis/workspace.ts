// The parsed files of one run and the module resolver shared by ESM and CommonJS. Files are parsed on first
// use: the scanned candidates, and whatever they import when an analysis follows a value there.
import path from "node:path";
import type { ts as TS } from "ts-morph";
import { FileText, type SourceText } from "../source.js";
import { flavourOf, parseSource, scriptNesting, tsApi, type ScriptFlavour } from "../parse/typescript.js";
import type { Notice } from "../types.js";
import { type FileReader, MAX_NESTING, textOf } from "../files.js";
import { type EndpointPattern, matchesEndpoint } from "../endpoints.js";

export interface CodeUnit {
  source: SourceText;
  sf: TS.SourceFile;
}


/** The login endpoint, also as a path relative to a base URL (got's prefixUrl, axios's baseURL). */
const AUTH_PATH = /(^|[/\u0000])token\/authenticate(?![\w-])/;

const RESOLVE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];
// TypeScript's ESM convention: an import of "./x.js" means the source file "./x.ts".
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
  ".jsx": [".tsx"],
};

export class Workspace {
  private readonly units = new Map<string, CodeUnit | null>();
  private readonly unitBySourceFile = new WeakMap<TS.SourceFile, CodeUnit>();
  /** Every file parsed in this run: candidates, and what the analyses followed them into. */
  readonly parsedFiles = new Set<string>();
  readonly notices: Notice[] = [];
  /**
   * What went wrong reading each file that was parsed (a syntax error, too deep to parse): a file is parsed
   * once a run, so the notice is raised once, yet it belongs to every candidate whose analysis read the file.
   */
  private readonly fileNotices = new Map<string, Notice[]>();
  /** Time spent parsing, for the benchmark's stage timings. */
  parseMs = 0;
  /** Per file: every path resolution looked at from it (found or not), so the cache knows what a result read. */
  private readonly lookedAt = new Map<string, Set<string>>();
  private resolvingFrom: string | undefined;

  constructor(
    readonly cwd: string,
    private readonly reader: FileReader,
    /** Whether resolution may read a file: not those the run excludes (node_modules, .gitignore'd …). */
    private readonly mayFollow: (absPath: string) => boolean = () => true,
    /** The configuration's extra login URLs (gateways, proxies), beside /token/authenticate. */
    readonly authEndpoints: readonly EndpointPattern[] = [],
  ) {}

  /** Whether a URL (holes in it as U+0000) names the login endpoint. */
  isAuthUrl(url: string): boolean {
    return AUTH_PATH.test(url) || this.authEndpoints.some((e) => matchesEndpoint(url, e));
  }

  relative(absPath: string): string {
    return path.relative(this.cwd, absPath).split(path.sep).join("/") || path.basename(absPath);
  }

  /** The parsed file at an absolute path; undefined when it cannot be read or is no script/JSON. */
  unitAt(absPath: string, text?: string): CodeUnit | undefined {
    const cached = this.units.get(absPath);
    if (cached !== undefined) return cached ?? undefined;
    const flavour = flavourOf(absPath);
    const content = text ?? (flavour ? textOf(this.reader.read(absPath)) : undefined);
    if (!flavour || content === undefined) {
      this.units.set(absPath, null);
      return undefined;
    }
    // The parser recurses per level and overflows its stack near 1,000–1,500: measure first, with the scanner.
    const depth = scriptNesting(content);
    if (depth > MAX_NESTING) {
      this.noticeFile(absPath, { kind: "too-deep", file: this.relative(absPath), message: `nested ${depth} levels deep (more than ${MAX_NESTING}), so not parsed` });
      this.units.set(absPath, null);
      return undefined;
    }
    const unit = this.parse(new FileText(this.relative(absPath), absPath, content), absPath, flavour);
    this.units.set(absPath, unit);
    return unit;
  }

  /** Parses a script that lives inside another file (a Postman `exec`), under a virtual path. */
  unitForEmbedded(source: SourceText, virtualPath: string): CodeUnit {
    return this.parse(source, virtualPath, "js");
  }

  private parse(source: SourceText, parsePath: string, flavour: ScriptFlavour): CodeUnit {
    const started = performance.now();
    const sf = parseSource(parsePath, source.text, flavour);
    this.parseMs += performance.now() - started;
    const unit: CodeUnit = { source, sf };
    this.parsedFiles.add(source.absPath);
    this.unitBySourceFile.set(sf, unit);
    this.reportSyntaxErrors(unit);
    return unit;
  }

  private reportSyntaxErrors(unit: CodeUnit): void {
    // parseDiagnostics is internal to TypeScript but is the only way to learn of syntax errors without a program.
    const diagnostics = (unit.sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    const first = diagnostics[0];
    if (!first) return;
    const ts = tsApi();
    const at = unit.source.position(first.start);
    this.noticeFile(unit.source.absPath, {
      kind: "parse-error",
      file: unit.source.file,
      line: at.line,
      message: `syntax error: ${ts.flattenDiagnosticMessageText(first.messageText, " ")} (the rest of the file was still analysed)`,
    });
  }

  private noticeFile(absPath: string, notice: Notice): void {
    this.notices.push(notice);
    this.fileNotices.set(absPath, [...(this.fileNotices.get(absPath) ?? []), notice]);
  }

  /** The notices of the files an analysis of this file read (itself and its dependencies), whenever they were raised. */
  fileNoticesReadBy(absPath: string): Notice[] {
    return [absPath, ...this.dependenciesOf(absPath)].flatMap((file) => this.fileNotices.get(file) ?? []);
  }

  unitOf(node: TS.Node): CodeUnit | undefined {
    return this.unitBySourceFile.get(node.getSourceFile());
  }

  /** Resolves a relative module specifier from a file, as Node and TypeScript would. */
  resolveModule(fromAbs: string, spec: string): string | undefined {
    if (!spec.startsWith(".") && !spec.startsWith("/")) return undefined;
    const base = path.resolve(path.dirname(fromAbs), spec);
    return this.resolvingAt(fromAbs, () => this.resolveAsFile(base) ?? this.resolveAsDirectory(base));
  }

  /**
   * The files a file's results can depend on: every path looked at from it, and from those, and so on. A
   * superset (a result may not have needed them all), which only makes the cache re-check more often.
   */
  dependenciesOf(absPath: string): string[] {
    const out = new Set<string>();
    const todo = [absPath];
    while (todo.length) {
      for (const next of this.lookedAt.get(todo.pop()!) ?? []) {
        if (next === absPath || out.has(next)) continue;
        out.add(next);
        todo.push(next);
      }
    }
    return [...out].sort();
  }

  private resolvingAt<T>(fromAbs: string, resolve: () => T): T {
    const outer = this.resolvingFrom;
    this.resolvingFrom = fromAbs;
    try {
      return resolve();
    } finally {
      this.resolvingFrom = outer;
    }
  }

  private isFileHere(candidate: string): boolean {
    if (this.resolvingFrom) {
      let seen = this.lookedAt.get(this.resolvingFrom);
      if (!seen) this.lookedAt.set(this.resolvingFrom, (seen = new Set()));
      seen.add(candidate);
    }
    return this.reader.isFile(candidate) && this.mayFollow(candidate);
  }

  private resolveAsFile(base: string): string | undefined {
    const ext = path.extname(base);
    const candidates = [base, ...(SOURCE_FOR_OUTPUT[ext] ?? []).map((e) => base.slice(0, -ext.length) + e), ...RESOLVE_EXTENSIONS.map((e) => base + e)];
    return candidates.find((c) => this.isFileHere(c));
  }

  private resolveAsDirectory(dir: string): string | undefined {
    const pkgFile = path.join(dir, "package.json");
    const pkgText = this.isFileHere(pkgFile) ? textOf(this.reader.read(pkgFile)) : undefined;
    if (pkgText) {
      try {
        const main = (JSON.parse(pkgText) as { main?: unknown }).main;
        if (typeof main === "string") {
          const hit = this.resolveAsFile(path.resolve(dir, main));
          if (hit) return hit;
        }
      } catch {
        /* a broken package.json just means no main */
      }
    }
    return this.resolveAsFile(path.join(dir, "index"));
  }

  /**
   * A data file named by a runtime path (readFileSync("config.json")): relative to the reading file first, then
   * to each folder above it, since runtime paths are usually relative to the project root.
   */
  resolveDataFile(fromAbs: string, relPath: string): string | undefined {
    return this.resolvingAt(fromAbs, () => {
      if (path.isAbsolute(relPath)) return this.isFileHere(relPath) ? relPath : undefined;
      for (let dir = path.dirname(fromAbs); ; dir = path.dirname(dir)) {
        const candidate = path.resolve(dir, relPath);
        if (this.isFileHere(candidate)) return candidate;
        if (path.dirname(dir) === dir || !dir.startsWith(this.cwd)) return undefined;
      }
    });
  }

  /** Drops every parsed file, so their memory can be reclaimed. */
  release(): void {
    this.units.clear();
  }
}
