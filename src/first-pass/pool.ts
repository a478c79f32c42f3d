// The first pass of a large run on worker threads (--jobs): the files are split into contiguous shares, one
// per worker, and the answers put back in file order, so findings never depend on the thread count.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RuleNeeds } from "../prefilter.js";
import type { FirstPass } from "./scan.js";

// This module's own folder, or the bundle's (dist/src/cli.bundle.js) when it was bundled into the CLI.
const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER_FILE = path.basename(here) === "first-pass" ? path.join(here, "worker.js") : path.join(here, "first-pass", "worker.js");

/** Below this many files per worker, starting one costs more than it saves. */
export const MIN_FILES_PER_WORKER = 400;

/**
 * The first pass of these files on `jobs` threads. `onCandidate` is called once, as soon as some file
 * passes, so the main thread (idle meanwhile) can load the parser the candidates will need.
 */
export async function firstPassOnWorkers(files: readonly string[], rules: readonly RuleNeeds[], jobs: number, maxBytes: number, onCandidate?: () => void): Promise<Map<string, FirstPass> | undefined> {
  const workers = Math.min(jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers < 2) return undefined;
  const size = Math.ceil(files.length / workers);
  const shares = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const plainRules = rules.map((r) => ({ meta: { id: r.meta.id, needs: r.meta.needs } }));
  let called = false;
  const candidate = () => {
    if (called || !onCandidate) return;
    called = true;
    // After the other workers' messages are handled, so no worker waits on this thread.
    setImmediate(onCandidate);
  };
  const answers = await Promise.all(shares.map((share) => runWorker(share, plainRules, maxBytes, candidate)));
  const out = new Map<string, FirstPass>();
  shares.forEach((share, i) => share.forEach((file, j) => out.set(file, answers[i][j])));
  return out;
}

function runWorker(files: string[], rules: RuleNeeds[], maxBytes: number, onCandidate: () => void): Promise<FirstPass[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: { files, rules, maxBytes } });
    worker.on("message", (message: { candidate: true } | { results: FirstPass[] }) => {
      if ("results" in message) resolve(message.results);
      else onCandidate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a first-pass worker stopped with exit code ${code}`));
    });
  });
}
