// Temporary folders for tests, removed when the test process exits: a run of the suite must not leave its
// projects (and the private keys some of them hold) in the system's temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test left without write permission: the system cleans its temporary folder in the end.
    }
  }
});

/** A new empty folder under the system's temporary folder, named with this prefix. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
