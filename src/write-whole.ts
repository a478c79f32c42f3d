// Writing a file the tool owns (a report, the baseline, the cache) whole or not at all: a temporary file
// beside it, then a rename. A failure leaves the old file as it was and no temporary file behind.
import fs from "node:fs";

export function writeWhole(path: string, text: string): void {
  // Through a symbolic link to the file it names: the rename must replace that file, not the link.
  let file = path;
  try {
    file = fs.realpathSync(path);
  } catch {
    /* not there yet */
  }
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (error) {
    removeTemporary(temp);
    throw error;
  }
}

/** Removes a temporary file after a failed write, if it was made at all (ENOTDIR, EACCES: it was not). */
export function removeTemporary(temp: string): void {
  try {
    fs.rmSync(temp, { force: true });
  } catch {
    /* the folder refused even the temporary file */
  }
}
