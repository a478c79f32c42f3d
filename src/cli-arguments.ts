// The scan command's flags, as yargs reads them, and the combinations of them that make no sense.
import yargs from "yargs";
import { UsageError } from "./errors.js";
import { TOOL_NAME, TOOL_VERSION } from "./package-info.js";

export function parseArguments(argv: string[]) {
  return yargs(argv)
    .scriptName(TOOL_NAME)
    .usage(
      "$0 [paths..]\n\nFinds (and explains) what breaks Anaplan logins since 19 June 2026.\n\n" +
        "Also:\n  $0 serve [options]         a local v2 auth server for tests\n" +
        "  $0 check-request [FILE|-]  explain a captured login request\n" +
        "  $0 init                    write a starter configuration and print CI snippets",
    )
    .command("$0 [paths..]", false)
    .positional("paths", { type: "string", array: true, describe: "files and folders to scan (default: .)" })
    .option("format", {
      alias: "f",
      choices: ["stylish", "json", "sarif", "github", "gitlab", "junit", "compact"] as const,
      requiresArg: true,
      // Given twice, the last one wins, as with most command lines.
      coerce: (value: string | string[]) => (Array.isArray(value) ? value[value.length - 1] : value),
      describe: "output format",
    })
    // One value per flag (repeat the flag for more), so the paths after it stay paths.
    .option("rule", { type: "string", nargs: 1, requiresArg: true, describe: "ID=off|warn|error (repeatable)" })
    .option("ignore-pattern", { type: "string", nargs: 1, requiresArg: true, describe: "more files to skip, .gitignore syntax (repeatable)" })
    .option("output-file", { alias: "o", type: "string", requiresArg: true, describe: "write the report to FILE instead of stdout" })
    .option("fix", { type: "boolean", describe: "apply the safe fixes and report what is left" })
    .option("unsafe-fixes", { type: "boolean", describe: "with --fix or --fix-dry-run: also apply each finding's first suggestion" })
    .option("fix-dry-run", { type: "boolean", describe: "write nothing; print the diff --fix would make" })
    .option("config", { alias: "c", type: "string", requiresArg: true, describe: "configuration file (default: found from the working directory upward)" })
    .option("print-config", { type: "boolean", describe: "print the configuration in effect and exit" })
    .option("baseline", { type: "string", requiresArg: true, describe: "report only findings not recorded in this baseline file" })
    .option("write-baseline", { type: "string", requiresArg: true, describe: "record the current findings in FILE and exit 0" })
    .option("prune-baseline", { type: "boolean", describe: "with --baseline: drop the entries that no longer occur" })
    .option("since", { type: "string", requiresArg: true, describe: "scan only files changed since a git ref, and untracked files" })
    .option("staged", { type: "boolean", describe: "scan the staged versions of the staged files" })
    .option("stdin", { type: "boolean", describe: "scan standard input as the file --stdin-filename names" })
    .option("stdin-filename", { type: "string", requiresArg: true, describe: "the path standard input stands for (its extension decides how it is read)" })
    .option("cache", { type: "boolean", describe: "reuse the results of files unchanged since the last --cache run" })
    .option("cache-location", { type: "string", requiresArg: true, describe: "cache file or folder (default: node_modules/.cache/anaplan-auth-lint/)" })
    .option("max-file-size", { type: "string", requiresArg: true, describe: "skip files larger than this many bytes (default: 2 MiB)" })
    .option("jobs", { alias: "j", type: "string", requiresArg: true, describe: "threads for reading files (default: the number of cores)" })
    .option("report-unused-disable", { type: "boolean", describe: "warn about suppression comments that suppress nothing" })
    .option("quiet", { type: "boolean", describe: "report errors only" })
    .option("max-warnings", { type: "string", requiresArg: true, describe: "exit 1 when there are more warnings than this" })
    .option("exit-zero", { type: "boolean", describe: "exit 0 even when errors are found (2 still means the run failed)" })
    .option("color", { type: "boolean", describe: "force colour on (--no-color: off)" })
    .option("list-rules", { type: "boolean", describe: "list the rules and exit" })
    .option("explain", { type: "string", requiresArg: true, describe: "print a rule's documentation and exit" })
    .option("debug", { type: "boolean", describe: "print stack traces of internal errors" })
    .version(TOOL_VERSION)
    .alias("help", "h")
    // `--rule.x` is a typo here, not an object to build.
    .parserConfiguration({ "dot-notation": false })
    .strict()
    .epilogue("Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or internal failure.")
    .fail((message, error) => {
      const text = (message || error?.message || "bad usage").replace(/\s*\n\s*/g, " ");
      throw error instanceof UsageError ? error : new UsageError(text);
    })
    .wrap(Math.min(110, process.stdout.columns || 100))
    .parseAsync();
}

export type CliArguments = Awaited<ReturnType<typeof parseArguments>>;

/** A repeatable flag's values: absent, given once, or given several times. */
export function asList(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === "string")) throw new UsageError("options take text values");
  return list as string[];
}

/** Flags that contradict each other, or values left empty: each a usage error that says what to do. */
export function checkCombinations(args: CliArguments, paths: readonly string[]): void {
  const stdinFile = asList(args.stdinFilename).at(-1);
  if (args.stdin && !stdinFile) throw new UsageError("--stdin needs --stdin-filename PATH: the path decides how the text is read and how it is reported");
  if (stdinFile && !args.stdin) throw new UsageError("--stdin-filename goes with --stdin");
  if (args.stdin && paths.length) throw new UsageError("--stdin scans standard input; do not name paths as well");
  if (args.staged && args.since !== undefined) throw new UsageError("--staged and --since choose files in different ways; give one");
  if (args.staged && (args.fix || args.fixDryRun)) throw new UsageError("--staged scans the index, which --fix cannot write; fix the working tree, then stage it");
  if (args.pruneBaseline && !args.baseline) throw new UsageError("--prune-baseline goes with --baseline FILE");
  if (args.writeBaseline !== undefined && args.baseline) throw new UsageError("--write-baseline records every finding; do not give --baseline as well");
  if (args.writeBaseline !== undefined && (args.fix || args.fixDryRun)) throw new UsageError("--write-baseline records the findings of the files as they are; run --fix first, then write the baseline");
  for (const flag of ["baseline", "writeBaseline", "outputFile", "stdinFilename", "cacheLocation", "since"] as const) {
    if (asList(args[flag]).some((v) => v === "")) throw new UsageError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs a value, got an empty one`);
  }
}
