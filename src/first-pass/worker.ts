// A first-pass worker: reads its share of the files and answers which rules each one needs. Loads only
// the reader and the prefilter, so it starts in a few milliseconds.
import { parentPort, workerData } from "node:worker_threads";
import { createScanReader } from "../files.js";
import type { RuleNeeds } from "../prefilter.js";
import { type FirstPass, firstPassOf } from "./scan.js";

const { files, rules, maxBytes } = workerData as { files: string[]; rules: RuleNeeds[]; maxBytes: number };
const reader = createScanReader(maxBytes);
const results: FirstPass[] = files.map((file, index) => {
  const { text: _text, ...result } = firstPassOf(file, reader, rules);
  // Each candidate at once: the main thread analyses it while the rest of the files are read.
  if ("wanted" in result && result.wanted.length) parentPort!.postMessage({ candidate: index, pass: result });
  return result;
});
parentPort!.postMessage({ results });
