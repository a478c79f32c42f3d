// One run: discover → first pass → parse (lazily) → analyses → rules → findings, sorted and deduplicated.
// Prints nothing; the CLI decides what to show and which exit code that means.
import { Workspace } from "./analysis/workspace.js";
import { discover, type DiscoverOptions, matches, patterns } from "./discover.js";
import { createFileReader, type FileReader, MAX_FILE_BYTES } from "./files.js";
import { redact } from "./redact.js";
import { applySuppressions } from "./suppress.js";
import path from "node:path";
import { OUTPUT_VERSION, TOOL_VERSION } from "./package-info.js";
import { cacheKey, ResultCache } from "./cache.js";
import { endpointPattern } from "./endpoints.js";
import { firstPassOf, type FirstPass } from "./first-pass/scan.js";
import { firstPassOnWorkers } from "./first-pass/pool.js";
import type { Rule } from "./rule.js";
import { CandidateAnalyser } from "./candidate.js";
import type { Finding, Notice, RunResult, SuppressedFinding } from "./types.js";
import { applyIgnoreEntries, type IgnoreEntry, type RuleOverride } from "./config.js";
import { applyBaseline, type Baseline } from "./baseline.js";
import { rules as allRules } from "../rules/index.js";

export type RuleLevel = "off" | "warn" | "error";

export interface RunOptions {
  cwd: string;
  paths: string[];
  ignorePatterns?: string[];
  /** Per rule: off drops it, warn caps it at warning, error (the default) keeps each finding's severity. */
  ruleLevels?: Record<string, RuleLevel>;
  reader?: FileReader;
  rules?: readonly Rule[];
  /** Let internal errors escape (with their stack) instead of turning them into notices. */
  debug?: boolean;
  /** Report suppression comments that suppress nothing, as warnings. */
  reportUnusedDisable?: boolean;
  /** The configuration file's settings; its patterns are relative to `base`, the folder it is in. */
  config?: RunConfig;
  /** Scan only these files (absolute paths) of the ones the paths name: --since and --staged. */
  only?: ReadonlySet<string>;
  /** A file scanned though it need not exist on disk (--stdin-filename); the reader supplies its text. */
  virtualPath?: string;
  /** Findings recorded here are set aside as `baseline` suppressions: only new ones are reported. */
  baseline?: Baseline;
  /** Reuse the results of files that did not change since the run that wrote this cache file (--cache). */
  cacheFile?: string;
  /** Files larger than this many bytes are skipped with a file-too-large notice (default 2 MiB). */
  maxFileSize?: number;
  /** Threads for reading and the first pass of a large run (default 1: this thread only). */
  jobs?: number;
  /** Filled with milliseconds per stage (discovery, firstPass, parse, rules), for the benchmark. */
  timings?: StageTimings;
  /** How folders are read while walking them (tests make one unreadable). */
  readFolder?: DiscoverOptions["readFolder"];
  /** Told which files (absolute paths) the run scans, once they are chosen. */
  onFiles?: (files: readonly string[]) => void;
  /** Called after each file, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface RunConfig {
  base: string;
  ignorePatterns: string[];
  ignore: IgnoreEntry[];
  include?: string[];
  /** Per-glob rule levels, applied in order over `ruleLevels`. */
  overrides?: RuleOverride[];
  /** More URL patterns that count as the login endpoint (gateways, proxies); `*` matches any text. */
  endpoints?: string[];
}

/** The files one run scans, and which other files (reached through imports) it must leave alone. */
export interface FileSet {
  files: string[];
  isExcluded(absPath: string): boolean;
  /** Folders the walk could not read: each gets an `unreadable` notice. */
  unreadableFolders?: string[];
}

export type StageTimings = Partial<Record<"discovery" | "firstPass" | "parse" | "rules" | "report", number>>;

export async function lint(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const discovered = await discover({
    cwd: options.cwd,
    paths: options.paths,
    ignorePatterns: options.ignorePatterns ?? [],
    only: options.only,
    virtualPath: options.virtualPath,
    include: options.config?.include && { base: options.config.base, patterns: options.config.include },
    readFolder: options.readFolder,
  });
  if (options.timings) options.timings.discovery = (options.timings.discovery ?? 0) + performance.now() - started;
  // Worker threads read only from the disk: a run with its own reader (tests, --staged, --stdin) stays here.
  const run = new FileRun(options, discovered);
  if (options.reader || (options.jobs ?? 1) < 2) return run.finish();
  const firstPassStart = performance.now();
  // Candidates are analysed here as the workers find them, so this thread works while they read.
  const firstPass = await firstPassOnWorkers(run.files, options.rules ?? allRules, options.jobs!, options.maxFileSize ?? MAX_FILE_BYTES, (absPath, pass) => run.analyseAhead(absPath, pass));
  if (options.timings && firstPass) options.timings.firstPass = performance.now() - firstPassStart - run.analysedMs;
  return run.finish(firstPass);
}

/** The synchronous core of a run, for files already chosen (the ESLint plugin calls it for one text). */
export function lintFiles(options: RunOptions, discovered: FileSet): RunResult {
  return new FileRun(options, discovered).finish();
}

/** A candidate's analysis (its own, or the cache's), or why its text could not be had. */
type Analysed = { result: { findings: Finding[]; notices: Notice[] } } | { notice: { kind: string; message: string } };

/**
 * What one run shares across its files (reader, rule levels, workspace, cache), and the results of the
 * candidates analysed ahead of the walk through the files in order. A file's analysis stands alone, so
 * analysing one early gives the result it gets in its turn.
 */
class FileRun {
  /** The files scanned: those discovered, less the configuration's ignores and the cache file. */
  readonly files: string[];
  /** Time spent analysing ahead, which the first pass's own time does not include. */
  analysedMs = 0;
  private readonly reader: FileReader;
  private readonly levelsFor: (absPath: string) => Record<string, RuleLevel>;
  private readonly candidates: readonly Rule[];
  private readonly workspace: Workspace;
  private readonly analyser: CandidateAnalyser;
  private readonly cache: ResultCache | undefined;
  private readonly ahead = new Map<string, Analysed>();

  constructor(
    private readonly options: RunOptions,
    private readonly discovered: FileSet,
  ) {
    this.reader = options.reader ?? createFileReader(options.maxFileSize);
    this.levelsFor = ruleLevelsFor(options);
    this.candidates = options.rules ?? allRules;
    // The configuration's patterns are relative to its own folder, which may be above the working directory.
    const configIgnored = patterns(options.config?.ignorePatterns ?? []);
    // Tested for every file of the tree: with no patterns there is nothing to match.
    const ignoredByConfig = options.config?.ignorePatterns.length ? (absPath: string) => matches(configIgnored, options.config!.base, absPath) : () => false;
    // The cache file itself, when it sits in the tree, is no file to scan.
    this.files = discovered.files.filter((f) => !ignoredByConfig(f) && f !== options.cacheFile);
    options.onFiles?.(this.files);
    const isExcluded = (absPath: string) => discovered.isExcluded(absPath) || ignoredByConfig(absPath);
    this.workspace = new Workspace(options.cwd, this.reader, (file) => !isExcluded(file), (options.config?.endpoints ?? []).map(endpointPattern));
    this.analyser = new CandidateAnalyser(this.workspace, !!options.debug);
    this.cache = options.cacheFile ? new ResultCache(options.cacheFile, resultsKey(options, this.candidates), this.reader, (file) => !isExcluded(file)) : undefined;
  }

  /** Analyses a file the first pass let through, now; `finish` takes the result in the file's turn. */
  analyseAhead(absPath: string, pass: Extract<FirstPass, { wanted: string[] }>): void {
    const started = performance.now();
    const wanted = this.wanted(absPath, pass);
    if (wanted.length) this.ahead.set(absPath, this.analyse(absPath, wanted));
    this.analysedMs += performance.now() - started;
  }

  /** Goes through the files in order, and returns the run's findings and notices. */
  finish(firstPassDone?: ReadonlyMap<string, FirstPass>): RunResult {
    const { options, workspace, cache } = this;
    const files = this.files;
    const cachedCandidates = new Set<string>();
    const findings: Finding[] = [];
    const notices: Notice[] = (this.discovered.unreadableFolders ?? []).map((folder) => ({
      kind: "unreadable",
      file: workspace.relative(folder),
      message: "a folder the tool may not read (no permission), so the files in it were not scanned",
    }));
    let parsed = 0;
    let firstPass = 0;
    let analysed = this.analysedMs;
    // Files that hold suppression comments, so unused ones are found even where nothing was reported.
    const withDirectives: string[] = [];
    try {
      for (const [index, absPath] of files.entries()) {
        options.onProgress?.(index, files.length);
        const passStart = performance.now();
        // Done on worker threads for a large run, otherwise here; the text is read again only for a candidate.
        const pass: FirstPass & { text?: string } = firstPassDone?.get(absPath) ?? firstPassOf(absPath, this.reader, this.candidates);
        if ("notice" in pass) {
          notices.push({ ...pass.notice, file: workspace.relative(absPath) });
          continue;
        }
        if (options.reportUnusedDisable && pass.directives) withDirectives.push(workspace.relative(absPath));
        const analysisStart = performance.now();
        firstPass += analysisStart - passStart;
        const early = this.ahead.get(absPath);
        const wanted = early ? [] : this.wanted(absPath, pass);
        if (!early && !wanted.length) continue;
        const done = early ?? this.analyse(absPath, wanted, pass.text);
        if (!early) analysed += performance.now() - analysisStart;
        if ("notice" in done) {
          notices.push({ ...done.notice, file: workspace.relative(absPath) });
          continue;
        }
        cachedCandidates.add(absPath);
        findings.push(...done.result.findings);
        notices.push(...done.result.notices);
      }
      if (cache) {
        cache.keepOnly(cachedCandidates, new Set(files));
        const problem = cache.save();
        if (problem) notices.push({ kind: "write-failed", file: workspace.relative(cache.file), message: problem });
      }
      options.onProgress?.(files.length, files.length);
      parsed = workspace.parsedFiles.size;
      if (options.timings) {
        const t = options.timings;
        t.firstPass = (t.firstPass ?? 0) + firstPass;
        t.parse = (t.parse ?? 0) + workspace.parseMs;
        t.rules = (t.rules ?? 0) + analysed - workspace.parseMs;
      }
    } finally {
      workspace.release();
    }
    const textOf = (file: string) => {
      const read = this.reader.read(path.resolve(options.cwd, file));
      return "text" in read ? read.text : undefined;
    };
    // A finding takes the level of the file it is in (an override for stored-login.json applies to findings
    // there, though they were found from the script that sends it).
    const leveled = findings.flatMap((f) => withLevel(f, this.levelsFor(path.resolve(options.cwd, f.file))[f.ruleId]));
    const { kept, suppressed } = setAside(options, sortFindings(dedupe(leveled)), textOf, withDirectives);
    return {
      version: OUTPUT_VERSION,
      findings: kept,
      suppressed,
      // Notices quote what they could not handle (a $ref, a $schema), which may carry a token or a password.
      notices: sortNotices(notices).map((n) => ({ ...n, message: redact(n.message) })),
      summary: summarize(files.length, parsed, kept),
    };
  }

  /** The rules on for this file whose words the first pass found in it. */
  private wanted(absPath: string, pass: Extract<FirstPass, { wanted: string[] }>): Rule[] {
    const levels = this.levelsFor(absPath);
    return this.candidates.filter((r) => levels[r.meta.id] !== "off" && pass.wanted.includes(r.meta.id));
  }

  /** Reads a candidate (unless its text is at hand) and analyses it, or takes its result from the cache. */
  private analyse(absPath: string, wanted: readonly Rule[], text?: string): Analysed {
    const read = text !== undefined ? { text } : this.reader.read(absPath);
    if (!("text" in read)) return read;
    const result = this.cache?.lookup(absPath, read.text) ?? this.analyser.analyse(absPath, read.text, wanted);
    // An aborted analysis is not kept: what it found may depend on what earlier files left in the memos.
    if (this.cache && "complete" in result && result.complete) this.cache.store(absPath, read.text, this.workspace.dependenciesOf(absPath), result);
    return { result };
  }
}

/** Inline suppressions, the configuration's ignore entries, then the baseline: what is left, and what each set aside. */
function setAside(options: RunOptions, findings: Finding[], textOf: (file: string) => string | undefined, withDirectives: string[]): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const isOff = (ruleId: string) => options.ruleLevels?.[ruleId] === "off";
  const inline = applySuppressions(findings, textOf, !!options.reportUnusedDisable, withDirectives, isOff);
  const configured = applyIgnoreEntries(inline.kept, options.config?.ignore ?? [], options.config?.base ?? options.cwd, options.cwd, textOf);
  const baselined = options.baseline ? applyBaseline(configured.kept, options.baseline, textOf) : { kept: configured.kept, suppressed: [] };
  return {
    kept: sortFindings([...baselined.kept, ...inline.unused]),
    suppressed: sortFindings([...inline.suppressed, ...configured.suppressed, ...baselined.suppressed]) as SuppressedFinding[],
  };
}

export function summarize(files: number, parsed: number, findings: readonly Finding[]): RunResult["summary"] {
  return {
    files,
    parsed,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
}

/** Everything besides the files that decides a run's findings: a cache written under another key is dropped. */
function resultsKey(options: RunOptions, rules: readonly Rule[]): string {
  const { ignore: _ignore, ...config } = options.config ?? { ignore: [] };
  return cacheKey({ tool: TOOL_VERSION, cwd: options.cwd, rules: rules.map((r) => r.meta.id), levels: options.ruleLevels ?? {}, ignorePatterns: options.ignorePatterns ?? [], maxFileSize: options.maxFileSize, config });
}

/** Each file's rule levels: the run's, then every override whose patterns match the file, in order. */
function ruleLevelsFor(options: RunOptions): (absPath: string) => Record<string, RuleLevel> {
  const base = options.ruleLevels ?? {};
  const overrides = (options.config?.overrides ?? []).map((o) => ({ files: patterns(o.files), rules: o.rules }));
  if (!overrides.length) return () => base;
  return (absPath) => {
    let levels = base;
    for (const o of overrides) if (matches(o.files, options.config!.base, absPath)) levels = { ...levels, ...o.rules };
    return levels;
  };
}


/** A finding at its rule's level: none when off, capped at warning when warn. */
function withLevel(finding: Finding, level: RuleLevel | undefined): Finding[] {
  if (level === "off") return [];
  return level === "warn" && finding.severity === "error" ? [{ ...finding, severity: "warning" }] : [finding];
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.ruleId, f.messageId, f.file, f.line, f.column, f.endLine, f.endColumn, f.message].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.messageId, b.messageId) ||
      compareText(a.message, b.message),
  );
}

function sortNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  const unique = notices.filter((n) => {
    const key = [n.kind, n.file, n.line ?? 0, n.message].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.kind, b.kind));
}
