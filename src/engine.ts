// One run: discover → first pass → parse (lazily) → analyses → rules → findings, sorted and deduplicated.
// Prints nothing; the CLI decides what to show and which exit code that means.
import { Analyses } from "./analysis/index.js";
import { PayloadFinder } from "./analysis/payloads.js";
import { isPostmanCandidate, readPostman } from "./analysis/postman.js";
import { isDataFile, schemaFileFaults } from "./analysis/schema-files.js";
import { AnalysisBudgetExceeded } from "./analysis/values.js";
import { Workspace } from "./analysis/workspace.js";
import { discover, type DiscoverOptions, matches, patterns } from "./discover.js";
import { createFileReader, type FileReader, MAX_FILE_BYTES } from "./files.js";
import { formatMessage } from "./messages.js";
import { redact } from "./redact.js";
import { applySuppressions } from "./suppress.js";
import path from "node:path";
import { OUTPUT_VERSION, TOOL_VERSION, ruleDocsUrl } from "./package-info.js";
import { cacheKey, ResultCache } from "./cache.js";
import { endpointPattern } from "./endpoints.js";
import { flavourOf, tsMorph } from "./parse/typescript.js";
import { firstPassOf, type FirstPass } from "./first-pass/scan.js";
import { firstPassOnWorkers } from "./first-pass/pool.js";
import type { Rule, RuleContext, RuleReport } from "./rule.js";
import { FileText, spanLocation } from "./source.js";
import type { Finding, Fix, Notice, RunResult, Severity, SuppressedFinding } from "./types.js";
import { applyIgnoreEntries, type IgnoreEntry, type RuleOverride } from "./config.js";
import { toFix } from "./fix/convert.js";
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
  const firstPassStart = performance.now();
  const firstPass = !options.reader && (options.jobs ?? 1) > 1 ? await firstPassOnWorkers(discovered.files, options.rules ?? allRules, options.jobs!, options.maxFileSize ?? MAX_FILE_BYTES, () => tsMorph()) : undefined;
  if (options.timings && firstPass) options.timings.firstPass = performance.now() - firstPassStart;
  return lintFiles(options, discovered, firstPass);
}

/** The synchronous core of a run, for files already chosen (the ESLint plugin calls it for one text). */
export function lintFiles(options: RunOptions, discovered: FileSet, firstPassDone?: ReadonlyMap<string, FirstPass>): RunResult {
  const reader = options.reader ?? createFileReader(options.maxFileSize);
  const levelsFor = ruleLevelsFor(options);
  const candidates = options.rules ?? allRules;
  // The configuration's patterns are relative to its own folder, which may be above the working directory.
  const configIgnored = patterns(options.config?.ignorePatterns ?? []);
  // Tested for every file of the tree: with no patterns there is nothing to match.
  const ignoredByConfig = options.config?.ignorePatterns.length ? (absPath: string) => matches(configIgnored, options.config!.base, absPath) : () => false;
  // The cache file itself, when it sits in the tree, is no file to scan.
  const files = discovered.files.filter((f) => !ignoredByConfig(f) && f !== options.cacheFile);
  options.onFiles?.(files);
  const isExcluded = (absPath: string) => discovered.isExcluded(absPath) || ignoredByConfig(absPath);
  const workspace = new Workspace(options.cwd, reader, (file) => !isExcluded(file), (options.config?.endpoints ?? []).map(endpointPattern));
  const analyser = new CandidateAnalyser(workspace, !!options.debug);
  const cache = options.cacheFile ? new ResultCache(options.cacheFile, resultsKey(options, candidates), reader) : undefined;
  const cachedCandidates = new Set<string>();
  const findings: Finding[] = [];
  const notices: Notice[] = (discovered.unreadableFolders ?? []).map((folder) => ({
    kind: "unreadable",
    file: workspace.relative(folder),
    message: "a folder the tool may not read (no permission), so the files in it were not scanned",
  }));
  let parsed = 0;
  let firstPass = 0;
  let analysed = 0;
  // Files that hold suppression comments, so unused ones are found even where nothing was reported.
  const withDirectives: string[] = [];
  try {
    for (const [index, absPath] of files.entries()) {
      options.onProgress?.(index, files.length);
      const passStart = performance.now();
      // Done on worker threads for a large run, otherwise here; the text is read again only for a candidate.
      const pass: FirstPass & { text?: string } = firstPassDone?.get(absPath) ?? firstPassOf(absPath, reader, candidates);
      if ("notice" in pass) {
        notices.push({ ...pass.notice, file: workspace.relative(absPath) });
        continue;
      }
      if (options.reportUnusedDisable && pass.directives) withDirectives.push(workspace.relative(absPath));
      const levels = levelsFor(absPath);
      const wanted = candidates.filter((r) => levels[r.meta.id] !== "off" && pass.wanted.includes(r.meta.id));
      const analysisStart = performance.now();
      firstPass += analysisStart - passStart;
      if (!wanted.length) continue;
      const read = pass.text !== undefined ? { text: pass.text } : reader.read(absPath);
      if (!("text" in read)) {
        notices.push({ ...read.notice, file: workspace.relative(absPath) });
        continue;
      }
      cachedCandidates.add(absPath);
      const result = cache?.lookup(absPath, read.text) ?? analyser.analyse(absPath, read.text, wanted);
      findings.push(...result.findings);
      notices.push(...result.notices);
      analysed += performance.now() - analysisStart;
      // An aborted analysis is not kept: what it found may depend on what earlier files left in the memos.
      if (cache && "complete" in result && result.complete) cache.store(absPath, read.text, workspace.dependenciesOf(absPath), result);
    }
    if (cache) {
      cache.keepOnly(cachedCandidates);
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
    const read = reader.read(path.resolve(options.cwd, file));
    return "text" in read ? read.text : undefined;
  };
  // A finding takes the level of the file it is in (an override for stored-login.json applies to findings
  // there, though they were found from the script that sends it).
  const leveled = findings.flatMap((f) => withLevel(f, levelsFor(path.resolve(options.cwd, f.file))[f.ruleId]));
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

/**
 * Parses one candidate and runs the rules it wants. Each file's analysis stands alone (payloads are counted
 * per file, notices taken as they arise), so its result can be cached; a fault costs only this file.
 */
class CandidateAnalyser {
  private readonly analysis: Analyses;
  private readonly finder: PayloadFinder;

  constructor(
    private readonly workspace: Workspace,
    private readonly debug: boolean,
  ) {
    this.analysis = new Analyses(workspace);
    this.finder = new PayloadFinder(this.analysis.resolver);
  }

  analyse(absPath: string, text: string, wanted: readonly Rule[]): { findings: Finding[]; notices: Notice[]; complete: boolean } {
    const findings: Finding[] = [];
    const notices: Notice[] = [];
    const workspaceNotices = this.workspace.notices.length;
    let complete = false;
    try {
      this.analysis.resolver.startFile();
      this.finder.startFile();
      const context = fileContext(this.workspace, this.analysis, this.finder, absPath, text);
      for (const rule of context ? wanted : []) {
        for (const report of rule.check(context!)) findings.push(toFinding(rule, report));
      }
      complete = true;
    } catch (error) {
      // One file the analyses cannot handle (a parser stack overflow on absurd nesting, say) must not cost
      // the findings of every other file. --debug lets a fault of the tool escape, not a limit of the input.
      if (this.debug && faultNotice(error, "").kind === "internal-error") throw error;
      this.analysis.resolver.forgetAll();
      notices.push(faultNotice(error, this.workspace.relative(absPath)));
    }
    // What the workspace noticed meanwhile (a syntax error in this file or one it imports) is this file's.
    notices.unshift(...this.workspace.notices.splice(workspaceNotices));
    return { findings, notices, complete };
  }
}

function faultNotice(error: unknown, file: string): Notice {
  if (error instanceof AnalysisBudgetExceeded) return { kind: "timeout", file, message: error.message };
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { kind: "too-deep", file, message: "nested too deeply to parse or analyse, so skipped" };
  return { kind: "internal-error", file, message: `could not analyse the file: ${describe(error)}` };
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


/**
 * Parses a candidate file and gives the rules what they judge in it: certificate-auth payloads, stored
 * variables, validators of the token response. Each is found only when a rule asks for it.
 */
function fileContext(workspace: Workspace, analysis: Analyses, finder: PayloadFinder, absPath: string, text: string): RuleContext | undefined {
  const data = isDataFile(absPath);
  // Data files count lines as editors do (only CR and LF); scripts as JavaScript does (also U+2028/U+2029).
  const source = new FileText(workspace.relative(absPath), absPath, text, data ? "data" : "script");
  // A JSON file that turns out to be no collection (a schema with a property named "item") is read as data.
  const doc = data === "json" && isPostmanCandidate(text) ? readPostman(workspace, source) : undefined;
  if (doc) {
    workspace.parsedFiles.add(absPath);
    const validatorFaults = doc.testScripts.flatMap((unit) => analysis.tokenValidatorFaults(unit, true));
    return { payloads: doc.payloads, storedVariables: doc.storedVariables, validatorFaults, analysis };
  }
  if (data) {
    workspace.parsedFiles.add(absPath);
    return { payloads: [], storedVariables: [], validatorFaults: schemaFileFaults(workspace, source, data), analysis };
  }
  if (!flavourOf(absPath)) return undefined;
  const unit = workspace.unitAt(absPath, text);
  if (!unit) return undefined;
  let payloads: RuleContext["payloads"] | undefined;
  let validatorFaults: RuleContext["validatorFaults"] | undefined;
  return {
    get payloads() {
      return (payloads ??= finder.inUnit(unit));
    },
    storedVariables: [],
    get validatorFaults() {
      return (validatorFaults ??= analysis.tokenValidatorFaults(unit));
    },
    analysis,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A finding at its rule's level: none when off, capped at warning when warn. */
function withLevel(finding: Finding, level: RuleLevel | undefined): Finding[] {
  if (level === "off") return [];
  return level === "warn" && finding.severity === "error" ? [{ ...finding, severity: "warning" }] : [finding];
}

function toFinding(rule: Rule, report: RuleReport): Finding {
  const severity: Severity = report.severity ?? rule.meta.severity;
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: report.messageId,
    severity,
    ...spanLocation(report.span),
    message: formatMessage(rule, report.messageId, report.data),
    docs: ruleDocsUrl(rule.meta.id),
  };
  const related = (report.related ?? [])
    .map((r) => ({ ...spanLocation(r.span), message: r.message }))
    // A related place that is the finding's own place says nothing.
    .filter((r) => !(r.file === finding.file && r.line === finding.line && r.column === finding.column))
    .map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message }));
  if (related.length) finding.relatedLocations = related;
  const fix = report.fix && toFix(report.fix, finding.file);
  if (fix) finding.fix = fix;
  const suggestions = (report.suggestions ?? []).map((s) => toFix(s, finding.file)).filter((s): s is Fix => !!s);
  if (suggestions.length) finding.suggestions = suggestions;
  return finding;
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
