// The first pass of a large run on worker threads (--jobs): the files are split into contiguous shares, one
// per worker, and the answers put back in file order, so findings never depend on the thread count.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type { RuleNeeds } from "../prefilter.js";
import type { FirstPass } from "./scan.js";

// This module's own folder, or the bundle's (dist/src/cli.bundle.js) when it was bundled into the CLI.
const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER_FILE = path.basename(here) === "first-pass" ? path.join(here, "worker.js") : path.join(here, "first-pass", "worker.js");

/** Below this many files per worker, starting one costs more than it saves. */
export const MIN_FILES_PER_WORKER = 400;

/** A file that passed, as soon as a worker finds it. */
export type OnCandidate = (absPath: string, pass: Extract<FirstPass, { wanted: string[] }>) => void;

/**
 * The first pass of these files on `jobs` threads. `onCandidate` is told of each file some rule wants as soon
 * as its worker finds it, so the main thread (idle otherwise) can analyse it while the workers read on.
 */
export async function firstPassOnWorkers(files: readonly string[], rules: readonly RuleNeeds[], jobs: number, maxBytes: number, onCandidate?: OnCandidate): Promise<Map<string, FirstPass> | undefined> {
  const workers = Math.min(jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers < 2) return undefined;
  const size = Math.ceil(files.length / workers);
  const shares = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const plainRules = rules.map((r) => ({ meta: { id: r.meta.id, needs: r.meta.needs } }));
  const answers = await Promise.all(shares.map((share) => runWorker(share, plainRules, maxBytes, (index, pass) => onCandidate?.(share[index], pass))));
  const out = new Map<string, FirstPass>();
  shares.forEach((share, i) => share.forEach((file, j) => out.set(file, answers[i][j])));
  return out;
}

type WorkerMessage = { candidate: number; pass: Extract<FirstPass, { wanted: string[] }> } | { results: FirstPass[] };

function runWorker(files: string[], rules: RuleNeeds[], maxBytes: number, onCandidate: (index: number, pass: Extract<FirstPass, { wanted: string[] }>) => void): Promise<FirstPass[]> {
  return new Promise((resolve, reject) => {
    // Required here: a run on a few files starts no worker, and need not load the module.
    const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
    const worker = new Worker(WORKER_FILE, { workerData: { files, rules, maxBytes } });
    worker.on("message", (message: WorkerMessage) => {
      if ("results" in message) resolve(message.results);
      else {
        try {
          onCandidate(message.candidate, message.pass);
        } catch (error) {
          // Thrown only with --debug (a fault of the tool): the run stops, as it would without workers.
          worker.terminate();
          reject(error);
        }
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a first-pass worker stopped with exit code ${code}`));
    });
  });
}
