// A first-pass worker: reads its share of the files and answers which rules each one needs. Loads only
// the reader and the prefilter, so it starts in a few milliseconds.
import { parentPort, workerData } from "node:worker_threads";
import { createScanReader } from "../files.js";
import type { RuleNeeds } from "../prefilter.js";
import { type FirstPass, firstPassOf } from "./scan.js";

const { files, rules, maxBytes } = workerData as { files: string[]; rules: RuleNeeds[]; maxBytes: number };
const reader = createScanReader(maxBytes);
let told = false;
const results: FirstPass[] = files.map((file) => {
  const { text: _text, ...result } = firstPassOf(file, reader, rules);
  // The first candidate: the main thread can load the parser while the rest of the files are read.
  if (!told && "wanted" in result && result.wanted.length) {
    parentPort!.postMessage({ candidate: true });
    told = true;
  }
  return result;
});
parentPort!.postMessage({ results });
