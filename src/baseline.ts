// A baseline: the findings a codebase already had when it adopted the tool, recorded by rule, file and the
// text of the finding's line (not its number), so lines added above do not revive them. A run with a baseline
// sets aside as many findings of each such identity as were recorded, and reports only what is new.
import fs from "node:fs";
import { UsageError } from "./errors.js";
import { stripBom } from "./files.js";
import type { Finding, SuppressedFinding } from "./types.js";
import { lineHasher } from "./report/fingerprint.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  /** The finding's line hash (rule, message kind, file, line text), as SARIF's primaryLocationLineHash. */
  fingerprint: string;
  count: number;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
}

/** The baseline of these findings, in a stable order so the file diffs well in review. */
export function baselineOf(findings: readonly Finding[], textOf: (file: string) => string | undefined): Baseline {
  const hash = lineHasher(textOf);
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const fingerprint = hash(f);
    const key = `${f.file}\u0000${f.ruleId}\u0000${fingerprint}`;
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { ruleId: f.ruleId, file: f.file, fingerprint, count: 1 });
  }
  return { version: BASELINE_VERSION, entries: sorted([...byKey.values()]) };
}

/**
 * The baseline without the entries that no longer occur: those the run matched are kept, and so are the
 * entries it could not judge (a file it did not scan or could not analyse, a rule turned off).
 */
export function prunedBaseline(baseline: Baseline, matched: readonly Finding[], judged: (file: string, ruleId: string) => boolean, textOf: (file: string) => string | undefined): Baseline {
  const unscanned = baseline.entries.filter((e) => !judged(e.file, e.ruleId));
  return { version: BASELINE_VERSION, entries: sorted([...baselineOf(matched, textOf).entries, ...unscanned]) };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sorted(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort((a, b) => compareText(a.file, b.file) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
}

/** Findings split into new ones and those the baseline records. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, textOf: (file: string) => string | undefined): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const hash = lineHasher(textOf);
  const keyOf = (file: string, ruleId: string, fingerprint: string) => `${file}\u0000${ruleId}\u0000${fingerprint}`;
  const left = new Map<string, number>();
  for (const e of baseline.entries) left.set(keyOf(e.file, e.ruleId, e.fingerprint), (left.get(keyOf(e.file, e.ruleId, e.fingerprint)) ?? 0) + e.count);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const key = keyOf(f.file, f.ruleId, hash(f));
    const n = left.get(key) ?? 0;
    if (n > 0) {
      left.set(key, n - 1);
      suppressed.push({ ...f, suppression: { kind: "baseline" } });
    } else kept.push(f);
  }
  return { kept, suppressed };
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} (create one with --write-baseline ${file})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch {
    throw new UsageError(`the baseline ${file} is not valid JSON (write it anew with --write-baseline ${file})`);
  }
  if (!isBaseline(value)) throw new UsageError(`${file} is not a baseline of this tool (version ${BASELINE_VERSION}; write it anew with --write-baseline ${file})`);
  return value;
}

function isBaseline(value: unknown): value is Baseline {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<Baseline>;
  return v.version === BASELINE_VERSION && Array.isArray(v.entries) && v.entries.every((e) =>
    !!e && typeof e === "object" && typeof e.ruleId === "string" && typeof e.file === "string" && typeof e.fingerprint === "string" && Number.isInteger(e.count) && e.count > 0);
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
