// The benchmark's flags. Strict: a mistyped flag would otherwise run minutes of the wrong benchmark.

export const USAGE = `usage: npm run bench -- [options]

  --scale N     corpus size: N copies of the node_modules sources (1, 2 or 4; default 1)
  --rounds N    timed rounds per row (default 3; the pre-commit rows take 3 × N, ESLint runs once)
  --linear      also time the tool at scale 1 and scale 4 and check the cost grows linearly
  --no-eslint   skip the ESLint comparison
  --keep        keep the temporary corpus and print where it is
  --write       also write the markdown report to bench/last-run.md
  --help        print this and exit
`;

const SCALES = [1, 2, 4];

export class UsageError extends Error {}

/** @returns {{ scale: number, rounds: number, linear: boolean, eslint: boolean, keep: boolean, write: boolean, help: boolean }} */
export function parseArgs(argv) {
  const options = { scale: 1, rounds: 3, linear: false, eslint: true, keep: false, write: false, help: false };
  const flags = { "--linear": "linear", "--keep": "keep", "--write": "write", "--help": "help", "-h": "help" };
  for (let i = 0; i < argv.length; i++) {
    // Both `--scale 4` and `--scale=4`.
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    if (flag in flags && inline === undefined) options[flags[flag]] = true;
    else if (flag === "--no-eslint" && inline === undefined) options.eslint = false;
    else if (flag === "--scale" || flag === "--rounds") {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a number`);
      const n = Number(value);
      if (flag === "--scale") {
        if (!SCALES.includes(n)) throw new UsageError(`--scale takes ${SCALES.join(", ")}, got "${value}"`);
        options.scale = n;
      } else {
        if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError(`--rounds takes a whole number from 1 to 50, got "${value}"`);
        options.rounds = n;
      }
    } else throw new UsageError(`unknown option "${argv[i]}" (see --help)`);
  }
  return options;
}
