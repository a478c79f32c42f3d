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

/** A file that grew past the limit while it was read: its size at the stat said otherwise. */
function grewTooLarge(maxBytes: number): ReadResult {
  return { notice: { kind: "file-too-large", message: `over the ${maxBytes}-byte limit (maxFileSize) when read, though smaller when listed, so not scanned` } };
}

/** Where a read puts the bytes: a buffer of its own, or one a reader keeps and reuses (grown as needed). */
interface ReadBuffer {
  buffer: Buffer;
}

/**
 * A regular file's bytes, read to its end or past the limit, whatever its listed size says (a file may grow
 * between the stat and the read, and /proc files list 0). The open does not block, so a FIFO is only looked
 * at. Both readers read this way, so the first pass on a worker and on the main thread see the same bytes.
 */
function readBytes(absPath: string, maxBytes: number, into: ReadBuffer = { buffer: Buffer.alloc(0) }): { bytes: Buffer } | ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    // A socket cannot be opened at all.
    return isRegularFile(absPath) || !fs.existsSync(absPath) ? couldNotRead(error) : notRegular();
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return notRegular();
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    // One byte more than the size says, so reading to the end also tells a file that grew.
    if (into.buffer.length < stat.size + 1) into.buffer = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1, into.buffer.length * 2), maxBytes + 1));
    let length = 0;
    for (;;) {
      const got = fs.readSync(fd, into.buffer, length, into.buffer.length - length, null);
      if (got === 0) break;
      length += got;
      if (length > maxBytes) return grewTooLarge(maxBytes);
      if (length === into.buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(into.buffer.length * 2, maxBytes + 1));
        into.buffer.copy(grown, 0, 0, length);
        into.buffer = grown;
      }
    }
    return { bytes: into.buffer.subarray(0, length) };
  } catch (error) {
    return couldNotRead(error);
  } finally {
    fs.closeSync(fd);
  }
}

function readFile(absPath: string, maxBytes: number): ReadResult {
  const read = readBytes(absPath, maxBytes);
  return "bytes" in read ? { text: decode(read.bytes) } : read;
}

export const nodeFileReader: FileReader = createFileReader();

/**
 * A reader for the first pass on a worker thread, where only the rules' ASCII words are looked for and the
 * text is dropped at once: the bytes go into one reused buffer and become a latin1 string, each byte one
 * character. ASCII reads the same as in UTF-8, and no multi-byte sequence can make an ASCII letter, so the
 * answer is the one the decoded text gives, without UTF-8 decoding and a new buffer for every file of a large
 * tree. UTF-16 files (by their byte-order mark) are decoded.
 */
export function createScanReader(maxBytes = MAX_FILE_BYTES): FileReader {
  const reused: ReadBuffer = { buffer: Buffer.allocUnsafe(256 * 1024) };
  const read = (absPath: string): ReadResult => {
    const got = readBytes(absPath, maxBytes, reused);
    if (!("bytes" in got)) return got;
    const { bytes } = got;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return { text: utf16 ? decode(bytes) : bytes.toString("latin1") };
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
