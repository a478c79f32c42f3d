// Turns measurements into the markdown that is printed and, with --write, kept in bench/last-run.md.
// Knows nothing about how the numbers were taken.

const MB = 1e6;

export function formatMs(ms) {
  if (ms === undefined) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
}

const formatMb = (bytes) => (bytes === undefined ? "—" : `${(bytes / MB).toFixed(1)} MB`);
const formatRss = (kb) => (kb === undefined ? "n/a" : formatMb(kb * 1024));
const formatRatio = (r) => (r === undefined || !Number.isFinite(r) ? "—" : `${r.toFixed(r < 10 ? 2 : 1)}×`);
const rate = (n, ms) => (n / ms) * 1000;

function table(head, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * @param {object} r
 * @param {string[]} r.context  lines about the machine and the run
 * @param {Array<{ name: string, files?: number, bytes?: number, ms?: number, rounds?: number, rssKb?: number, vs?: string, note?: string }>} r.throughput
 * @param {Record<string, number> | undefined} r.stages
 * @param {Array<{ name: string, files: number, ms: number, rounds: number, rssKb?: number, vsFloor: number }>} r.preCommit
 * @param {Array<{ name: string, measured: string, met: boolean | undefined }>} r.targets
 * @param {string[]} r.notes
 */
export function renderReport({ context, throughput, stages, preCommit, targets, notes }) {
  const out = ["## Benchmark", "", ...context.map((c) => `- ${c}`), ""];
  out.push(
    table(
      ["run", "files", "size", "rounds", "wall (median)", "files/s", "MB/s", "peak RSS", "relative"],
      throughput.map((row) =>
        row.ms === undefined
          ? [row.name, "—", "—", "—", row.note ?? "not run", "—", "—", "—", "—"]
          : [
              row.name,
              String(row.files),
              formatMb(row.bytes),
              String(row.rounds),
              formatMs(row.ms),
              rate(row.files, row.ms).toFixed(0),
              (rate(row.bytes, row.ms) / MB).toFixed(1),
              formatRss(row.rssKb),
              row.vs ?? "—",
            ],
      ),
    ),
    "",
  );
  out.push("### Stages of one cold run", "");
  if (stages) out.push(table(["stage", "time"], Object.entries(stages).map(([stage, ms]) => [stage, formatMs(ms)])), "");
  else out.push("stage timing not reported by this build", "");
  out.push("### Pre-commit (whole processes)", "");
  out.push(
    table(
      ["case", "files", "rounds", "wall (median)", "× node -e 0", "peak RSS"],
      preCommit.map((row) => [row.name, String(row.files), String(row.rounds), formatMs(row.ms), formatRatio(row.vsFloor), formatRss(row.rssKb)]),
    ),
    "",
  );
  out.push("### Targets", "");
  out.push(table(["target", "measured", "met"], targets.map((t) => [t.name, t.measured, t.met === undefined ? "not measured" : t.met ? "yes" : "**no**"])), "");
  if (notes.length) out.push(...notes.map((n) => `- ${n}`), "");
  return out.join("\n");
}

export { formatRatio, formatRss };
