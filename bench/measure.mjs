// Runs one command as a child process and measures it: wall time from the parent's clock, and the child's peak
// resident set size. A parent cannot see a child's peak memory with Node's own API (process.resourceUsage()
// covers only itself), so it asks /usr/bin/time -v where that exists, else a preload in Node children.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const TIME = "/usr/bin/time";
const RSS_PROBE = fileURLToPath(new URL("./rss-probe.cjs", import.meta.url));

export const hasGnuTime = (() => {
  if (!fs.existsSync(TIME)) return false;
  // BusyBox and BSD time lack -v or -o; only use one that understands both.
  const probe = spawnSync(TIME, ["-v", "-o", "/dev/null", "true"], { stdio: "ignore" });
  return probe.status === 0;
})();

export const rssMethod = hasGnuTime ? "/usr/bin/time -v" : "node preload (node children only)";

/**
 * @param {{ command: string, args: string[], cwd: string, env?: Record<string, string>, scratch: string, node?: boolean }} run
 *   scratch: a folder for the child's stdout and the memory report; node: the command is `node`, so the
 *   fallback preload can report its memory
 * @returns {{ ms: number, status: number | null, signal: string | null, rssKb: number | undefined, stdoutFile: string, stderr: string }}
 */
export function measure({ command, args, cwd, env = {}, scratch, node = false }) {
  const stdoutFile = path.join(scratch, "stdout");
  const rssFile = path.join(scratch, "rss");
  fs.rmSync(rssFile, { force: true });
  let file = command;
  let argv = args;
  const childEnv = { ...process.env, ...env };
  if (hasGnuTime) {
    // -o keeps time's report out of the child's own stderr.
    file = TIME;
    argv = ["-v", "-o", rssFile, command, ...args];
  } else if (node) {
    argv = ["--require", RSS_PROBE, ...args];
    childEnv.BENCH_RSS_FILE = rssFile;
  }
  // stdout to a file: a pipe would make the parent's reading part of the child's time, and a large report
  // would hit spawnSync's buffer limit.
  const out = fs.openSync(stdoutFile, "w");
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd, env: childEnv, stdio: ["ignore", out, "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.closeSync(out);
  if (result.error) throw new Error(`could not start ${command}: ${result.error.message}`);
  return {
    ms,
    status: result.status,
    signal: result.signal,
    rssKb: readRss(rssFile),
    stdoutFile,
    stderr: result.stderr.toString("utf8"),
  };
}

function readRss(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const gnu = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  if (gnu) return Number(gnu[1]);
  const probe = /^(\d+)\s*$/.exec(text);
  return probe ? Number(probe[1]) : undefined;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
