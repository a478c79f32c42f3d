#!/usr/bin/env node
// The command line: flags → a run → output and an exit code. The only place that knows about exit codes:
//   0  no finding at error severity    1  at least one error    2  bad usage or an internal failure
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hideBin } from "yargs/helpers";
import { lint, type RuleLevel, type RunConfig, type StageTimings, summarize } from "./engine.js";
import { lintAndFix } from "./fix/runner.js";
import { findConfig, type LoadedConfig, readConfig } from "./config.js";
import { UsageError } from "./errors.js";
import { asList, checkCombinations, type CliArguments, parseArguments } from "./cli-arguments.js";
import { listRules, listRulesJson, ruleMarkdown } from "./explain.js";
import { HOMEPAGE, TOOL_NAME } from "./package-info.js";
import { formatJson } from "./report/json.js";
import { formatStylish } from "./report/stylish.js";
import { formatSarif } from "./report/sarif.js";
import { formatGithub } from "./report/github.js";
import { formatGitlab } from "./report/gitlab.js";
import { formatJunit } from "./report/junit.js";
import { formatCompact } from "./report/compact.js";
import type { RunResult } from "./types.js";
import { decode } from "./files.js";
import { ruleById, rules } from "../rules/index.js";
import { initCommand } from "./commands/init.js";
import { isSourcePath, SOURCE_EXTENSIONS } from "./discover.js";
import { type Baseline, baselineOf, prunedBaseline, readBaseline, serializeBaseline } from "./baseline.js";
import { changedSince, stagedFiles, stagedReader } from "./git.js";
import { createFileReader, MAX_FILE_BYTES, type FileReader, tooLarge } from "./files.js";
import { progressReporter } from "./report/progress.js";
import { writeWhole } from "./write-whole.js";

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const LEVELS: readonly RuleLevel[] = ["off", "warn", "error"];

function parseRuleLevels(specs: string[]): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--rule takes ID=off|warn|error, got "${spec}"`);
    const [, id, level] = m;
    if (!ruleById(id)) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
    if (!LEVELS.includes(level as RuleLevel)) throw new UsageError(`unknown level "${level}" for ${id}: use off, warn or error`);
    levels[id] = level as RuleLevel;
  }
  return levels;
}


function useColor(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

async function main(argv: string[]): Promise<number> {
  // The runtime commands have flags of their own; a folder named like one is scanned as ./serve. They are
  // loaded only when asked for: the server's http and https modules cost a pre-commit run's start-up.
  if (argv[0] === "serve") return (await import("./commands/serve.js")).serveCommand(argv.slice(1));
  if (argv[0] === "check-request") return (await import("./commands/check-request.js")).checkRequestCommand(argv.slice(1));
  if (argv[0] === "init") return initCommand(argv.slice(1), process.cwd());
  const args = await parseArguments(argv);

  if (args.listRules) {
    process.stdout.write(args.format === "json" ? listRulesJson() : listRules());
    return EXIT_OK;
  }
  debug = !!args.debug;
  if (args.explain !== undefined) {
    const id = asList(args.explain).at(-1) ?? "";
    const rule = ruleById(id);
    if (!rule) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
    process.stdout.write(ruleMarkdown(rule));
    return EXIT_OK;
  }
  const cwd = process.cwd();
  if (args.unsafeFixes && !args.fix && !args.fixDryRun) throw new UsageError("--unsafe-fixes goes with --fix or --fix-dry-run");
  const { loaded, ruleLevels, config } = loadSettings(args, cwd);
  if (args.printConfig) {
    const { base: _base, ...shown } = config;
    process.stdout.write(`${JSON.stringify({ file: loaded.file ?? null, rules: ruleLevels, ...shown, include: shown.include ?? [], endpoints: shown.endpoints ?? [] }, null, 2)}\n`);
    return EXIT_OK;
  }
  const paths = [...asList(args.paths), ...args._.map(String)];
  const stdinFile = asList(args.stdinFilename).at(-1);
  checkCombinations(args, paths);
  // Left undefined for a plain run, so the first pass may read on worker threads.
  let reader: FileReader | undefined;
  const maxFileSize = wholeNumber(args.maxFileSize, "--max-file-size", 1) ?? loaded.config.maxFileSize ?? MAX_FILE_BYTES;
  const fileReader = createFileReader(maxFileSize);
  let only: Set<string> | undefined;
  const since = asList(args.since).at(-1);
  if (since !== undefined) only = changedSince(cwd, since);
  if (args.staged) {
    only = stagedFiles(cwd);
    reader = stagedReader(cwd, only, fileReader, maxFileSize);
  }
  const virtualPath = stdinFile ? path.resolve(cwd, stdinFile) : undefined;
  if (virtualPath) reader = withText(reader ?? fileReader, virtualPath, readStdin(), maxFileSize);
  const jobs = wholeNumber(args.jobs, "--jobs", 1) ?? loaded.config.jobs ?? os.availableParallelism();
  // The benchmark's stage timings: written to the file this names, never shown to users.
  const timingFile = process.env.ANAPLAN_AUTH_LINT_TIMING;
  const timings: StageTimings | undefined = timingFile ? {} : undefined;
  let scanned = new Set<string>();
  const baselineFile = asList(args.baseline).at(-1);
  const baseline = baselineFile ? readBaseline(path.resolve(cwd, baselineFile)) : undefined;
  const runOptions = {
    cwd,
    paths: virtualPath ? [virtualPath] : paths,
    ignorePatterns: asList(args.ignorePattern),
    ruleLevels,
    debug,
    reportUnusedDisable: !!args.reportUnusedDisable,
    config,
    reader,
    only,
    virtualPath,
    baseline,
    maxFileSize,
    onProgress: progressReporter(process.stderr),
    onFiles: (files: readonly string[]) => {
      scanned = new Set(files.map((f) => path.relative(cwd, f).split(path.sep).join("/")));
    },
    timings,
    jobs,
    cacheFile: (args.cache ?? loaded.config.cache) || args.cacheLocation !== undefined ? cacheFileFor(asList(args.cacheLocation).at(-1), loaded, cwd) : undefined,
  };
  const fixing = !!args.fix || !!args.fixDryRun;
  const maxWarnings = wholeNumber(args.maxWarnings, "--max-warnings", 0);
  // Standard input is never written back: --fix prints the fixed text instead.
  const outcome = fixing ? await lintAndFix({ ...runOptions, unsafe: !!args.unsafeFixes, dryRun: !!args.fixDryRun || !!virtualPath }) : undefined;
  const ran = outcome ? outcome.result : await lint(runOptions);
  // Standard input stands for one file, as an editor shows it: findings the analysis made in files it
  // followed (a helper it imports) are that file's, not this one's. Fixing it prints the fixed text, not a diff.
  const full = virtualPath ? onlyFile(ran, path.relative(cwd, virtualPath).split(path.sep).join("/"), !!args.fix) : ran;
  const reportStart = performance.now();
  // --quiet shows errors only; the counts (and --max-warnings) still see every warning.
  const result = args.quiet ? { ...full, findings: full.findings.filter((f) => f.severity === "error") } : full;
  const sourceOf = (file: string): string | undefined => {
    // Findings left after a dry run are about the fixed text, which only exists in memory.
    const fixed = outcome?.texts.get(file)?.fixed;
    if (fixed !== undefined) return fixed;
    // Read as the scan read it (decoded by its byte-order mark; staged or standard input), so code frames,
    // fingerprints and redaction see the same text.
    const read = (reader ?? fileReader).read(path.resolve(cwd, file));
    return "text" in read ? read.text : undefined;
  };
  if (handleBaseline(args, cwd, { full, baseline, scanned, ruleLevels, sourceOf }) === "written") return EXIT_OK;
  if (full.summary.files === 0) {
    const why = nothingScanned(cwd, paths, { stdinFile, since, staged: !!args.staged });
    if (why) process.stderr.write(`${TOOL_NAME}: ${why}\n`);
  }
  // In a GitHub Actions log with no --format: annotations for the pull request, and stylish for the log.
  const onGithub = args.format === undefined && process.env.GITHUB_ACTIONS === "true";
  const format = (args.format ?? "stylish") as ReportFormat; // one of the choices yargs checked
  const color = args.color ?? (useColor() && !args.outputFile);
  const stylish = () => formatStylish(result, { color, texts: outcome?.texts, sourceOf });
  // The annotations must reach the log (stdout) to become annotations, even when the report goes to a file.
  const annotations = onGithub ? formatGithub(result) : "";
  const output = format === "stylish" ? (args.outputFile ? "" : annotations) + stylish() : formatReport(format, result, sourceOf);
  if (annotations && args.outputFile) process.stdout.write(annotations);
  if (args.fix && virtualPath) {
    // As ruff does: the fixed text on stdout, for the editor to take; the report of what is left on stderr.
    const file = path.relative(cwd, virtualPath).split(path.sep).join("/");
    const read = (reader ?? fileReader).read(virtualPath);
    process.stdout.write(outcome?.texts.get(file)?.fixed ?? ("text" in read ? read.text : ""));
    if (args.outputFile) writeReport(reportTarget(cwd, args.outputFile, scanned), output);
    // A clean stylish report says nothing; a machine format is always a whole document.
    else if (args.format !== undefined || result.findings.length || result.notices.length) process.stderr.write(output);
    return args.exitZero ? EXIT_OK : full.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  }
  if (args.outputFile) writeReport(reportTarget(cwd, args.outputFile, scanned), output);
  else process.stdout.write(output);
  if (timingFile && timings) {
    timings.report = performance.now() - reportStart;
    fs.writeFileSync(timingFile, JSON.stringify(timings));
  }
  if (args.exitZero) return EXIT_OK;
  // A dry run that would change files fails, as ruff --diff does, so CI does not look green on unfixed code.
  if (result.dryRun?.length) return EXIT_ERRORS;
  if (maxWarnings !== undefined && full.summary.warnings > maxWarnings) {
    process.stderr.write(`${TOOL_NAME}: ${full.summary.warnings} warning(s), more than --max-warnings ${maxWarnings} allows\n`);
    return EXIT_ERRORS;
  }
  return full.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

/** A run's result cut down to one file's findings, with the summary counted again. */
function onlyFile(result: RunResult, file: string, fixing: boolean): RunResult {
  const findings = result.findings.filter((f) => f.file === file);
  return {
    ...result,
    findings,
    suppressed: result.suppressed.filter((f) => f.file === file),
    summary: summarize(result.summary.files, result.summary.parsed, findings),
    ...(fixing ? { dryRun: undefined } : {}),
  };
}

function formatReport(format: Exclude<ReportFormat, "stylish">, result: RunResult, sourceOf: (file: string) => string | undefined): string {
  switch (format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result, rules, sourceOf, HOMEPAGE);
    case "github":
      return formatGithub(result);
    case "gitlab":
      return formatGitlab(result, sourceOf);
    case "junit":
      return formatJunit(result);
    case "compact":
      return formatCompact(result);
  }
}

type ReportFormat = "stylish" | "json" | "sarif" | "github" | "gitlab" | "junit" | "compact";

/** Where --output-file writes: never over one of the files the run scanned. */
function reportTarget(cwd: string, outputFile: string, scanned: ReadonlySet<string>): string {
  const target = path.resolve(cwd, outputFile);
  if (scanned.has(path.relative(cwd, target).split(path.sep).join("/"))) throw new UsageError(`--output-file ${outputFile} is one of the files being scanned; name a new file`);
  return target;
}

/** The report file is written whole or not at all (a temporary file, then a rename). */
function writeReport(file: string, text: string, flag = "--output-file"): void {
  try {
    // As ESLint does: a report folder that does not exist yet is made.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeWhole(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${flag} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The configuration in effect: the file's (found or named), under the command line's --rule levels. */
function loadSettings(args: CliArguments, cwd: string): { loaded: LoadedConfig; ruleLevels: Record<string, RuleLevel>; config: RunConfig } {
  const configFile = asList(args.config).at(-1);
  const loaded: LoadedConfig = configFile ? { file: path.resolve(cwd, configFile), config: readConfig(path.resolve(cwd, configFile)) } : findConfig(cwd);
  if (loaded.shadowed?.length) process.stderr.write(`${TOOL_NAME}: using ${loaded.file}; ${loaded.shadowed.map((f) => path.basename(f)).join(" and ")} in the same folder ${loaded.shadowed.length > 1 ? "are" : "is"} not read\n`);
  const configLevels = inConfig(loaded.file, () => parseRuleLevels(Object.entries(loaded.config.rules ?? {}).map(([id, level]) => `${id}=${level}`)));
  // Overrides apply below the command line: a rule set with --rule is not changed by them.
  const cliLevels = parseRuleLevels(asList(args.rule));
  // The command line wins over the file.
  const ruleLevels = { ...configLevels, ...cliLevels };
  const overrides = (loaded.config.overrides ?? []).map((o) => ({ files: o.files, rules: omit(inConfig(loaded.file, () => parseRuleLevels(Object.entries(o.rules).map(([id, level]) => `${id}=${level}`))), Object.keys(cliLevels)) }));
  const config = {
    base: loaded.file ? path.dirname(loaded.file) : cwd,
    ignorePatterns: loaded.config.ignorePatterns ?? [],
    ignore: loaded.config.ignore ?? [],
    include: loaded.config.include,
    overrides,
    endpoints: loaded.config.endpoints,
  };
  return { loaded, ruleLevels, config };
}

/**
 * --write-baseline records the findings ("written": the run ends there); --baseline warns when none of its
 * entries matched, and --prune-baseline rewrites it without the entries that no longer occur.
 */
function handleBaseline(
  args: CliArguments,
  cwd: string,
  run: { full: RunResult; baseline?: Baseline; scanned: ReadonlySet<string>; ruleLevels: Record<string, RuleLevel>; sourceOf: (file: string) => string | undefined },
): "written" | undefined {
  const { full, baseline, scanned, ruleLevels, sourceOf } = run;
  const baselineFile = asList(args.baseline).at(-1);
  const writeBaseline = asList(args.writeBaseline).at(-1);
  if (writeBaseline) {
    const target = path.resolve(cwd, writeBaseline);
    if (scanned.has(path.relative(cwd, target).split(path.sep).join("/"))) throw new UsageError(`--write-baseline ${writeBaseline} is one of the files being scanned; name a new file`);
    const recorded = baselineOf(full.findings, (file) => sourceOf(file));
    writeReport(target, serializeBaseline(recorded), "--write-baseline");
    process.stderr.write(`${TOOL_NAME}: recorded ${full.findings.length} finding(s) in ${writeBaseline}\n`);
    return "written";
  }
  if (baseline && baselineFile) {
    const matched = full.suppressed.filter((f) => f.suppression.kind === "baseline");
    if (baseline.entries.length && !matched.length && full.findings.length) {
      process.stderr.write(`${TOOL_NAME}: none of the ${baseline.entries.length} entries of ${baselineFile} matched a finding; its paths are relative to the folder it was written in, so run from there\n`);
    }
    if (args.pruneBaseline) {
      const unjudged = new Set(full.notices.filter((n) => ["timeout", "internal-error", "too-deep", "unreadable", "file-too-large"].includes(n.kind)).map((n) => n.file));
      const judged = (file: string, ruleId: string) => scanned.has(file) && !unjudged.has(file) && ruleLevels[ruleId] !== "off";
      writeReport(path.resolve(cwd, baselineFile), serializeBaseline(prunedBaseline(baseline, matched, judged, sourceOf)), "--prune-baseline");
    }
  }
  return undefined;
}

/** The cache file: in node_modules/.cache by default, as ESLint and Babel keep theirs; a folder gets a file inside. */
/**
 * Where --cache keeps its file: a --cache-location from the working directory, a configuration's
 * cacheLocation from the configuration file's folder (as its ignorePatterns), else the default under cwd.
 */
function cacheFileFor(flag: string | undefined, loaded: LoadedConfig, cwd: string): string {
  if (flag !== undefined) return cacheFileAt(cwd, flag);
  const configured = loaded.config.cacheLocation;
  return configured !== undefined && loaded.file ? cacheFileAt(path.dirname(loaded.file), configured) : cacheFileAt(cwd, undefined);
}

function cacheFileAt(cwd: string, location: string | undefined): string {
  if (location === undefined) return path.join(cwd, "node_modules", ".cache", TOOL_NAME, "results.json");
  const resolved = path.resolve(cwd, location);
  let isFolder = /[\\/]$/.test(location);
  try {
    isFolder ||= fs.statSync(resolved).isDirectory();
  } catch {
    /* not there yet (or not reachable): a file; writing it later says what is wrong */
  }
  return isFolder ? path.join(resolved, "results.json") : resolved;
}

/** A flag's whole-number value (the last one given), checked against its minimum with the text as typed. */
function wholeNumber(value: unknown, flag: string, min: number): number | undefined {
  const text = asList(value).at(-1);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} takes a whole number, ${min} or more, got "${text}"`);
  return Number(text);
}

/**
 * Why a run scanned nothing, when that is worth a word: a folder whose files are all ignored (a mistaken
 * `include`, say) passes in silence otherwise. Files named one by one (pre-commit's list) are skipped silently.
 */
function nothingScanned(cwd: string, paths: string[], how: { stdinFile?: string; since?: string; staged: boolean }): string | undefined {
  if (how.stdinFile) return isSourcePath(how.stdinFile) ? undefined : `--stdin-filename ${how.stdinFile} is not of a type the tool reads (${SOURCE_EXTENSIONS.map((e) => `.${e}`).join(" ")}), so nothing was scanned`;
  if (how.staged) return "no staged file of a type the tool reads, so nothing was scanned";
  if (how.since !== undefined) return `no file of a type the tool reads changed since ${how.since}, so nothing was scanned`;
  const folders = (paths.length ? paths : ["."]).filter((p) => fs.statSync(path.resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory());
  if (!folders.length) return undefined;
  return `no file to scan in ${folders.join(", ")}: each is ignored (.gitignore, --ignore-pattern, the configuration's ignorePatterns or include) or of a type the tool does not read`;
}

/** A problem with a configuration's values, said with the file it is in. */
function inConfig<T>(file: string | undefined, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (file && error instanceof UsageError) throw new UsageError(`invalid configuration in ${file}: ${error.message}`);
    throw error;
  }
}

function omit<T>(record: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}

function readStdin(): string {
  try {
    return decode(fs.readFileSync(0));
  } catch (error) {
    throw new UsageError(`cannot read standard input: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** A reader that gives `text` for one path (standard input standing for that file) and reads the rest. */
function withText(base: FileReader, absPath: string, text: string, maxBytes: number): FileReader {
  // The size limit of files holds for standard input too: an editor may send a generated bundle.
  const bytes = Buffer.byteLength(text);
  return {
    read: (p) => (p === absPath ? (bytes > maxBytes ? tooLarge(bytes, maxBytes) : { text }) : base.read(p)),
    isFile: (p) => p === absPath || base.isFile(p),
  };
}

// Set once the flags are parsed; an error while parsing them never needs a stack trace.
let debug = false;

// A closed pipe (`| head`) ends the output early: stop quietly. Any other write failure is one line and exit 2.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") process.stderr.write(`${TOOL_NAME}: cannot write the output: ${error.message}\n`);
  process.exit(error.code === "EPIPE" ? (process.exitCode ?? EXIT_OK) : EXIT_USAGE);
});

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    if (err instanceof UsageError) {
      process.stderr.write(`${TOOL_NAME}: ${err.message}\n`);
    } else {
      process.stderr.write(`${TOOL_NAME}: internal error: ${err.message}${debug ? "" : " (run with --debug for details)"}\n`);
      if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
