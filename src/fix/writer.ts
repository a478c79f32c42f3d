// The one place that writes scanned files, so tests can put another layer in its stead (CI runs as root, where
// chmod cannot make a write fail). A write is atomic: a temporary file in the same folder, then a rename, so a
// crash or a full disk leaves the old file whole. The file's mode, byte-order mark and encoding are kept.
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
    const mode = fs.statSync(absPath).mode & 0o7777;
    const temp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.aal-${process.pid}-${Date.now()}.tmp`);
    try {
      fs.writeFileSync(temp, bytes, { mode, flag: "wx" });
      fs.chmodSync(temp, mode);
      fs.renameSync(temp, absPath);
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
