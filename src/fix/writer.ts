// The one place that writes scanned files, so tests can put another layer in its stead (CI runs as root, where
// chmod cannot make a write fail). A write is atomic: a temporary file in the same folder, then a rename, so a
// crash or a full disk leaves the old file whole. The file's mode, owner, byte-order mark and encoding are
// kept; symbolic links are followed; read-only files are left alone.
import fs from "node:fs";
import path from "node:path";

export interface FileWriter {
  readBytes(absPath: string): Buffer;
  /** Replaces the file with `bytes`, keeping its mode. */
  replace(absPath: string, bytes: Buffer): void;
}

export const nodeFileWriter: FileWriter = {
  readBytes: (absPath) => fs.readFileSync(absPath),
  replace(absPath, bytes) {
    // A symbolic link is followed: the file it names is fixed, and the link stays a link.
    const target = fs.realpathSync(absPath);
    const stat = fs.statSync(target);
    // A read-only file stays as it is, even for a user (root) who could replace it.
    if ((stat.mode & 0o222) === 0) throw Object.assign(new Error("the file is read-only"), { code: "EROFS-FILE" });
    if (stat.nlink > 1) {
      // A rename would split the hard links (the other names would keep the old text): write in place.
      fs.writeFileSync(target, bytes);
      return;
    }
    const mode = stat.mode & 0o7777;
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.aal-${process.pid}-${Date.now()}.tmp`);
    try {
      fs.writeFileSync(temp, bytes, { mode, flag: "wx" });
      fs.chmodSync(temp, mode);
      try {
        // Keep the owner when the tool runs as another user that may change it (root in CI).
        fs.chownSync(temp, stat.uid, stat.gid);
      } catch {
        // Not allowed: the file gets the runner's ownership, as any editor would give it.
      }
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  },
};

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
