// Progress of a long scan on a terminal: "files done / total" on one stderr line, rewritten at most ten
// times a second and erased when the scan ends. Never in CI or when stderr is not a terminal (logs stay clean).
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Below this many files a scan is quick: no display at all. */
const MIN_FILES = 200;
const INTERVAL_MS = 100;

export function progressReporter(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY || env.CI || env.GITHUB_ACTIONS || env.TERM === "dumb") return undefined;
  let last = 0;
  let shown = false;
  return (done, total) => {
    if (total < MIN_FILES) return;
    if (done >= total) {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
      return;
    }
    const t = now();
    if (t - last < INTERVAL_MS) return;
    last = t;
    shown = true;
    stream.write(`\r\x1b[Kscanning: ${done}/${total} files`);
  };
}
