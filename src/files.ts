// The one place that touches the disk for reading, so tests can put another layer in its stead.
import fs from "node:fs";
import type { FileReader } from "./analysis/workspace.js";

export const nodeFileReader: FileReader = {
  read(absPath: string): string | undefined {
    try {
      return stripBom(fs.readFileSync(absPath, "utf8"));
    } catch {
      return undefined;
    }
  },
  isFile(absPath: string): boolean {
    try {
      return fs.statSync(absPath).isFile();
    } catch {
      return false;
    }
  },
};

/** Offsets are counted after a byte-order mark, as ESLint counts them. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
