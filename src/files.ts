// The one place that touches the disk for reading, so tests can put another layer in its stead. Only regular
// files are read (a FIFO or /dev/zero named on the command line would hang or exhaust memory), only up to a
// size, and in the encoding their byte-order mark names.
import fs from "node:fs";

export type ReadResult = { text: string } | { notice: { kind: string; message: string } };

export interface FileReader {
  read(absPath: string): ReadResult;
  isFile(absPath: string): boolean;
}

/** Deeper files are skipped with a notice: no real code or schema comes close, and parsers overflow near 1,000. */
export const MAX_NESTING = 500;

/** Files larger than this are skipped with a notice (generated bundles, data dumps); `maxFileSize` changes it. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function createFileReader(maxBytes = MAX_FILE_BYTES): FileReader {
  return {
    read: (absPath) => readFile(absPath, maxBytes),
    isFile: (absPath) => isRegularFile(absPath),
  };
}

function isRegularFile(absPath: string): boolean {
  try {
    return fs.statSync(absPath).isFile();
  } catch {
    return false;
  }
}

export function tooLarge(bytes: number, maxBytes: number): ReadResult {
  return { notice: { kind: "file-too-large", message: `${bytes} bytes, over the ${maxBytes}-byte limit (maxFileSize), so not scanned` } };
}

function readFile(absPath: string, maxBytes: number): ReadResult {
  try {
    const stat = fs.statSync(absPath);
    if (!stat.isFile()) return { notice: { kind: "unreadable", message: "not a regular file (a FIFO, socket or device), so not read" } };
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    return { text: decode(fs.readFileSync(absPath)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { notice: { kind: "unreadable", message: `could not read the file${code ? ` (${code})` : ""}` } };
  }
}

export const nodeFileReader: FileReader = createFileReader();

export function textOf(result: ReadResult): string | undefined {
  return "text" in result ? result.text : undefined;
}

/** UTF-8 unless a byte-order mark says UTF-16; offsets are counted after the mark, as ESLint counts them. */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  return stripBom(bytes.toString("utf8"));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
