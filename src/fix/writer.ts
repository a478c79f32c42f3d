// The one place that writes scanned files, so tests can put another layer in its stead (CI runs as root, where
// chmod cannot make a write fail). A write is atomic: a temporary file in the same folder, flushed to disk,
// then renamed over the original, so a crash, a kill or a full disk leaves the old file whole. The file's
// mode, owner, byte-order mark and encoding are kept. What a rename cannot replace safely is left alone, with
// the reason: a read-only file, a symbolic link (its target may lie outside the scanned tree), a file with
// other hard links (a rename would split them).
import fs from "node:fs";
import path from "node:path";
import { removeTemporary } from "../write-whole.js";

export interface FileWriter {
  readBytes(absPath: string): Buffer;
  /** Replaces the file with `bytes`, keeping its mode. */
  replace(absPath: string, bytes: Buffer): void;
}

/** Why a file is not written, as the `code` of the error `replace` throws. */
export const REFUSED = { readOnly: "AAL_READ_ONLY", symlink: "AAL_SYMLINK", hardLinks: "AAL_HARD_LINKS" } as const;

function refuse(code: string, message: string): never {
  throw Object.assign(new Error(message), { code });
}

export interface WriterHooks {
  /** Called with the temporary file written and flushed, before the rename: tests inject faults here. */
  beforeRename?: (temp: string) => void;
}

export function createNodeFileWriter(hooks: WriterHooks = {}): FileWriter {
  return {
    readBytes: (absPath) => fs.readFileSync(absPath),
    replace(absPath, bytes) {
      const link = fs.lstatSync(absPath);
      if (link.isSymbolicLink()) refuse(REFUSED.symlink, "it is a symbolic link");
      // A read-only file stays as it is, even for a user (root) who could replace it.
      if ((link.mode & 0o222) === 0) refuse(REFUSED.readOnly, "the file is read-only");
      if (link.nlink > 1) refuse(REFUSED.hardLinks, "it has other hard links");
      const mode = link.mode & 0o7777;
      const temp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.aal-${process.pid}-${Date.now()}.tmp`);
      try {
        const fd = fs.openSync(temp, "wx", mode);
        try {
          fs.writeSync(fd, bytes);
          // On disk before the rename: a crash right after it must not leave an empty file under the name.
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.chmodSync(temp, mode);
        try {
          // Keep the owner when the tool runs as another user that may change it (root in CI).
          fs.chownSync(temp, link.uid, link.gid);
        } catch {
          // Not allowed: the file gets the runner's ownership, as any editor would give it.
        }
        hooks.beforeRename?.(temp);
        fs.renameSync(temp, absPath);
      } catch (error) {
        removeTemporary(temp);
        throw error;
      }
    },
  };
}

export const nodeFileWriter: FileWriter = createNodeFileWriter();

export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

export function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf8-bom";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf16be";
  return "utf8";
}

/** The bytes of `text` in the encoding the file had, with its byte-order mark. */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const body = Buffer.from(text, "utf16le");
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}
