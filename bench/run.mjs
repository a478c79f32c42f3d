#!/usr/bin/env node
// `npm run bench`: builds a corpus in a temporary folder, times the tool against ripgrep and ESLint as whole
// processes, and prints a markdown report with the project's performance targets. Progress goes to stderr so
// stdout is only the report. Never uses the network.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs, USAGE, UsageError } from "./args.mjs";
import { buildCorpus, PLANT_DEPTHS } from "./corpus.mjs";
import { measure, median, rssMethod } from "./measure.mjs";
import { formatMs, formatRatio, formatRss, renderReport } from "./report.mjs";
import {
  eslintCommand,
  jsSubset,
  loadToolFacts,
  nodeFloor,
  nodeReadingFloor,
  preCommitFiles,
  REPO,
  ripgrepCommand,
  TIMING_ENV,
  toolCommand,
} from "./subjects.mjs";

/** A failure the user should read as one line, not as a stack. */
class BenchError extends Error {}
/** The user pressed Ctrl-C while a row ran. */
class Interrupted extends Error {}

const log = (message) => process.stderr.write(`bench: ${message}\n`);
let scratchCount = 0; // each row's own folder for its stdout and memory report

/**
 * Times each row `rounds` times after one untimed run (warm: false skips it, for a row too slow to repeat).
 * Every run's exit code is checked; onFirst sees the first run's output. Rounds are interleaved, row after
 * row, so drift in the machine's load hits every row alike.
 * @param {Array<{ label: string, spec: object, ok: number[], warm?: boolean, warmEnv?: object, onFirst?: (m: object) => void }>} rows
 */
function timeRows(rows, rounds, scratchRoot) {
  const results = rows.map((row) => {
    const scratch = path.join(scratchRoot, String(scratchCount++));
    fs.mkdirSync(scratch, { recursive: true });
    return { row, scratch, samples: [], rssKb: undefined };
  });
  const once = (r, env) => {
    const m = measure({ ...r.row.spec, env, scratch: r.scratch });
    // Ctrl-C reaches the whole process group: the child stopped because the user asked, not because it failed.
    if (m.signal === "SIGINT" || m.status === 130) throw new Interrupted();
    if (m.signal || !r.row.ok.includes(m.status)) {
      const why = m.signal ? `was killed by ${m.signal}` : `exited with ${m.status}`;
      const detail = m.stderr.trim().split("\n").find(Boolean) ?? "no message";
      throw new BenchError(`${r.row.label} ${why} (${detail}); command: ${[r.row.spec.command, ...r.row.spec.args].join(" ")}`);
    }
    return m;
  };
  for (const r of results) {
    if (r.row.warm === false) continue;
    log(`warming: ${r.row.label}`);
    const m = once(r, r.row.warmEnv);
    r.row.onFirst?.(m);
  }
  for (let round = 0; round < rounds; round++) {
    for (const r of results) {
      const m = once(r);
      log(`round ${round + 1}/${rounds}: ${r.row.label}: ${formatMs(m.ms)}`);
      r.samples.push(m.ms);
      if (m.rssKb !== undefined) r.rssKb = Math.max(r.rssKb ?? 0, m.rssKb);
      if (r.row.warm === false && round === 0) r.row.onFirst?.(m);
    }
  }
  return results.map((r) => ({ ms: median(r.samples), samples: r.samples, rssKb: r.rssKb, rounds }));
}

const TOOL_OK = [0, 1]; // 1 only means findings; 2 means the run failed
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

function readStages(file) {
  try {
    const data = readJson(file);
    const entries = Object.entries(data);
    if (data && typeof data === "object" && !Array.isArray(data) && entries.length && entries.every(([, v]) => typeof v === "number")) {
      return data;
    }
  } catch {
    // Missing or not JSON: this build does not report stages.
  }
  return undefined;
}

function makeCorpus(temp, scale) {
  const started = Date.now();
  const corpus = buildCorpus({ sourceDir: path.join(REPO, "node_modules"), fixturesDir: path.join(REPO, "fixtures"), outDir: path.join(temp, `corpus-scale-${scale}`), scale });
  log(`corpus at scale ${scale}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, built in ${formatMs(Date.now() - started)}`);
  return corpus;
}

/** The tool's cold run over a whole corpus, checked against what the corpus holds; describe: note what it parsed. */
function coldRow(corpus, label, notes, { describe = true, warmEnv, onFirst } = {}) {
  return {
    label,
    spec: toolCommand([corpus.root], corpus.root),
    ok: TOOL_OK,
    warmEnv,
    onFirst: (m) => {
      const { summary, notices } = readJson(m.stdoutFile);
      if (summary.files !== corpus.files) notes.push(`${label}: the tool scanned ${summary.files} files, but the corpus holds ${corpus.files}`);
      const large = notices.filter((n) => n.kind === "file-too-large");
      const skippedBytes = large.reduce((sum, n) => sum + Number(/^(\d+) bytes/.exec(n.message)?.[1] ?? 0), 0);
      if (describe) {
        notes.push(
          `${label}: parsed ${summary.parsed} of ${summary.files} files (the rest stopped at the first pass); ` +
            `${large.length} files over the size limit (${(skippedBytes / 1e6).toFixed(1)} MB) were skipped, but MB/s counts them, as for rg`,
        );
      }
      onFirst?.(m);
    },
  };
}

async function bench(options, temp) {
  const facts = await loadToolFacts();
  const loadBefore = os.loadavg()[0];
  const notes = [];
  const scratch = path.join(temp, "scratch");
  const corpus = makeCorpus(temp, options.scale);
  const timingFile = path.join(temp, "timing.json");
  let stages;

  // Whole tree: the tool cold, the tool with its cache, and ripgrep's reading floor.
  const rows = [
    coldRow(corpus, "anaplan-auth-lint", notes, {
      warmEnv: { [TIMING_ENV]: timingFile },
      onFirst: () => (stages = readStages(timingFile)),
    }),
  ];
  if (facts.hasCache) rows.push({ label: "anaplan-auth-lint --cache", spec: toolCommand([corpus.root], corpus.root, ["--cache"]), ok: TOOL_OK });
  rows.push({ label: "node reading floor", spec: nodeReadingFloor(corpus.root, facts), ok: [0] });
  rows.push({ label: "rg -l", spec: await ripgrepCommand(corpus.root, facts), ok: [0, 1] });
  const timed = timeRows(rows, options.rounds, scratch);
  const [cold] = timed;
  const cached = facts.hasCache ? timed[1] : undefined;
  const [floorRead, rg] = timed.slice(-2);
  const whole = { files: corpus.files, bytes: corpus.bytes };
  const throughput = [
    { name: `anaplan-auth-lint, cold (scale ${options.scale})`, ...whole, ...cold, vs: `${formatRatio(cold.ms / rg.ms)} rg` },
    cached
      ? { name: "anaplan-auth-lint --cache, warm", ...whole, ...cached, vs: `${formatRatio(cached.ms / rg.ms)} rg` }
      : { name: "anaplan-auth-lint --cache", note: "not available (`--help` lists no `--cache`)" },
    { name: "node: fast-glob, read each file, one regex (1 thread)", ...whole, ...floorRead, vs: `${formatRatio(floorRead.ms / rg.ms)} rg` },
    { name: `rg -l -i, ${facts.keywords.length} keywords`, ...whole, ...rg, vs: "1.00× (base)" },
  ];

  // ESLint parses every file; compare on the JavaScript files it can parse without a TypeScript parser.
  let eslintRatio;
  if (options.eslint) {
    const subset = jsSubset(corpus.root, path.join(temp, "js-subset"), { maxBytes: facts.maxFileBytes });
    log(`ESLint subset: ${subset.files} JavaScript files, ${(subset.bytes / 1e6).toFixed(1)} MB`);
    notes.push(`JS subset: the corpus's first ${subset.files} .js/.mjs/.cjs files in sorted order (at most 5000), without those over the tool's ${(facts.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
    let fatal = 0;
    const [eslint] = timeRows(
      [
        {
          label: "eslint",
          spec: eslintCommand(subset.root, path.join(temp, "eslint-config")),
          ok: [0, 1],
          warm: false,
          onFirst: (m) => (fatal = readJson(m.stdoutFile).reduce((n, file) => n + file.fatalErrorCount, 0)),
        },
      ],
      1,
      scratch,
    );
    const [tool] = timeRows([{ label: "anaplan-auth-lint on the ESLint subset", spec: toolCommand([subset.root], subset.root), ok: TOOL_OK }], options.rounds, scratch);
    eslintRatio = eslint.ms / tool.ms;
    const same = { files: subset.files, bytes: subset.bytes };
    throughput.push(
      { name: "ESLint 9, no-restricted-syntax (JS subset)", ...same, ...eslint, vs: `${formatRatio(eslintRatio)} tool` },
      { name: "anaplan-auth-lint (JS subset)", ...same, ...tool, vs: "1.00× (base)" },
    );
    if (fatal) notes.push(`ESLint could not parse ${fatal} of the ${subset.files} subset files (its default parser, ESM for .js); they still count as read`);
  }

  // Linearity: the same tree four times over should cost about four times as much. Both scales are timed here,
  // interleaved, even when the main rows had one: rows timed minutes apart on a shared machine can differ by
  // more than the 10% this target allows.
  let linear;
  if (options.linear) {
    const corpora = [1, 4].map((scale) => (scale === options.scale ? corpus : makeCorpus(temp, scale)));
    const [one, four] = timeRows(
      corpora.map((c, i) => coldRow(c, `anaplan-auth-lint (scale ${[1, 4][i]})`, notes, { describe: c !== corpus })),
      options.rounds,
      scratch,
    );
    linear = { one, four };
    throughput.push(
      { name: "anaplan-auth-lint, cold (scale 1, beside scale 4)", files: corpora[0].files, bytes: corpora[0].bytes, ...one, vs: "1.00× (base)" },
      { name: "anaplan-auth-lint, cold (scale 4, beside scale 1)", files: corpora[1].files, bytes: corpora[1].bytes, ...four, vs: `${formatRatio(four.ms / one.ms)} scale 1` },
    );
    for (const c of corpora) if (c !== corpus) fs.rmSync(c.root, { recursive: true, force: true });
  }

  // Pre-commit: a hook passes a few changed files; what matters there is the cost of starting at all.
  const picks = preCommitFiles(corpus.root, facts.keywords);
  const [floor, five, one] = timeRows(
    [
      { label: "node -e 0", spec: nodeFloor(corpus.root), ok: [0] },
      { label: "5 unrelated files", spec: toolCommand(picks.unrelated, corpus.root), ok: TOOL_OK },
      { label: "1 relevant file", spec: toolCommand([picks.relevant], corpus.root), ok: TOOL_OK },
    ],
    // Sub-second rows on a shared machine are noisy; more rounds cost little and steady the median.
    options.rounds * 3,
    scratch,
  );
  const preCommit = [
    { name: "`node -e 0` (floor)", files: 0, ...floor, vsFloor: 1 },
    { name: "anaplan-auth-lint, 5 unrelated .js files", files: 5, ...five, vsFloor: five.ms / floor.ms },
    { name: `anaplan-auth-lint, 1 relevant file (${path.basename(picks.relevant)})`, files: 1, ...one, vsFloor: one.ms / floor.ms },
  ];

  const check = (name, value, ok, show) => (value === undefined ? { name, measured: "—", met: undefined } : { name, measured: show(value), met: ok(value) });
  const s4 = options.scale === 4 ? cold : linear?.four;
  const targets = [
    check("whole tree ≤ 5× rg wall time", cold.ms / rg.ms, (v) => v <= 5, (v) => `${formatRatio(v)} rg`),
    check("≥ 50× faster than ESLint per file (JS subset)", eslintRatio, (v) => v >= 50, (v) => `${formatRatio(v)} faster`),
    check("`--scale 4` costs ≤ 4.4× `--scale 1`", linear && linear.four.ms / linear.one.ms, (v) => v <= 4.4, formatRatio),
    check("pre-commit, 5 unrelated files ≤ 2.5× `node -e 0`", five.ms / floor.ms, (v) => v <= 2.5, formatRatio),
    check("pre-commit, 1 relevant file < 1 s", one.ms, (v) => v < 1000, formatMs),
    check("peak RSS < 400 MB at scale 4", s4?.rssKb, (kb) => kb * 1024 < 400e6, formatRss),
  ];
  if (!options.linear) notes.push("scale linearity not measured: run with `--linear`");
  if (!s4) notes.push("peak RSS at scale 4 not measured: run with `--scale 4` or `--linear`");
  notes.push(`rg searches with ${os.availableParallelism?.() ?? os.cpus().length} threads; the tool reads and runs its first pass on as many (--jobs), and parses on one`);

  const context = [
    `${new Date().toISOString().slice(0, 10)}, commit ${git(["rev-parse", "--short", "HEAD"])}, Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}`,
    `corpus: scale ${options.scale} = ${options.scale} × the project's node_modules sources (.ts .tsx .js .mjs .cjs .json .yaml .yml) with the fixtures at ${PLANT_DEPTHS.map((d) => `${d}/`).join(" and ")} of each copy: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`,
    `load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after (on a busy machine the ratios to rg and node -e 0 move most)`,
    `medians of ${options.rounds} round${options.rounds === 1 ? "" : "s"} after one untimed run (pre-commit: ${options.rounds * 3}; ESLint: one round); peak RSS by ${rssMethod}`,
    `rg keywords (the rules' first-pass words): ${facts.keywords.map((k) => `\`${k}\``).join(" ")}`,
  ];
  return renderReport({ context, throughput, stages, preCommit, targets, notes });
}

function git(args) {
  const r = spawnSync("git", args, { cwd: REPO, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "unknown";
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "anaplan-auth-lint-bench-"));
  const cleanup = () => (options.keep ? log(`kept the corpus at ${temp}`) : fs.rmSync(temp, { recursive: true, force: true }));
  // Ctrl-C reaches the child first; once it is gone, leave no corpus behind.
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const report = await bench(options, temp);
    process.stdout.write(report);
    if (options.write) {
      fs.writeFileSync(path.join(REPO, "bench/last-run.md"), report);
      log("wrote bench/last-run.md");
    }
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      log("interrupted");
      return 130;
    }
    // A bug in the benchmark keeps its stack; anything else (a failed row, no build) is one line.
    const bug = [TypeError, ReferenceError, SyntaxError, RangeError].some((type) => error instanceof type);
    log(bug ? error.stack : error.message);
    return 2;
  } finally {
    cleanup();
  }
}

process.exitCode = await main(process.argv.slice(2));
