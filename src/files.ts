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

const notRegular = (): ReadResult => ({ notice: { kind: "unreadable", message: "not a regular file (a FIFO, socket or device), so not read" } });

function couldNotRead(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  return { notice: { kind: "unreadable", message: `could not read the file${code ? ` (${code})` : ""}` } };
}

function readFile(absPath: string, maxBytes: number): ReadResult {
  try {
    const stat = fs.statSync(absPath);
    if (!stat.isFile()) return notRegular();
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    return { text: decode(fs.readFileSync(absPath)) };
  } catch (error) {
    return couldNotRead(error);
  }
}

export const nodeFileReader: FileReader = createFileReader();

/**
 * A reader for the first pass on a worker thread, where only the rules' ASCII words are looked for and the
 * text is dropped at once: the bytes go into one reused buffer and become a latin1 string, each byte one
 * character. ASCII reads the same as in UTF-8, and no multi-byte sequence can make an ASCII letter, so the
 * answer is the one the decoded text gives, without UTF-8 decoding and a new buffer for every file of a large
 * tree. UTF-16 files (by their byte-order mark) are decoded. The open does not block, so a FIFO is only
 * looked at, as the main reader's stat looks at it.
 */
export function createScanReader(maxBytes = MAX_FILE_BYTES): FileReader {
  let buffer = Buffer.allocUnsafe(256 * 1024);
  const read = (absPath: string): ReadResult => {
    let fd: number;
    try {
      fd = fs.openSync(absPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (error) {
      // A socket cannot be opened at all: say what the main reader says of it.
      return isRegularFile(absPath) || !fs.existsSync(absPath) ? couldNotRead(error) : notRegular();
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return notRegular();
      if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
      // One byte more than the size says, so a file that grew since the stat is read to its end or its limit.
      if (buffer.length < stat.size + 1) buffer = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1, buffer.length * 2), maxBytes + 1));
      let length = 0;
      for (let got; length < buffer.length && (got = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += got;
      if (length > maxBytes) return tooLarge(length, maxBytes);
      const bytes = buffer.subarray(0, length);
      const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      return { text: utf16 ? decode(bytes) : bytes.toString("latin1") };
    } catch (error) {
      return couldNotRead(error);
    } finally {
      fs.closeSync(fd);
    }
  };
  return { read, isFile: isRegularFile };
}

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
