// Runs the built CLI the way a user does, in a given folder, without colour unless asked.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
// The installed command: the bundle the build makes of dist/src/cli.js.
export const CLI = path.join(REPO_ROOT, "dist/src/cli.bundle.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: undefined, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
