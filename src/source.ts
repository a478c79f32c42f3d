// A text the tool reads, and how offsets in it become 1-based file positions.
// Embedded texts (a Postman script inside a collection) map their offsets back into the file that holds them.

export interface Position {
  line: number;
  column: number;
}

export interface SourceText {
  /** Path relative to the working directory, forward slashes: what findings print. */
  readonly file: string;
  /** Absolute path on disk of the file that holds this text. */
  readonly absPath: string;
  readonly text: string;
  /** 1-based position in `file` of an offset into `text`. */
  position(offset: number): Position;
}

export interface Span {
  source: SourceText;
  start: number;
  end: number;
}

/** Line starts, counting the line terminators JavaScript (and ESLint) count: CRLF, LF, CR, U+2028, U+2029. */
function lineStartsOf(text: string, breaks: LineBreaks = "script"): number[] {
  const starts = [0];
  const separators = breaks === "script";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (separators && (c === 0x2028 || c === 0x2029))) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionIn(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Which characters end a line: JavaScript's (CR, LF, U+2028, U+2029) or a data file's (CR, LF). */
export type LineBreaks = "script" | "data";

export class FileText implements SourceText {
  private starts: number[] | undefined;
  constructor(
    readonly file: string,
    readonly absPath: string,
    readonly text: string,
    private readonly breaks: LineBreaks = "script",
  ) {}
  position(offset: number): Position {
    this.starts ??= lineStartsOf(this.text, this.breaks);
    return positionIn(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }
}

/** Where a line of an embedded text starts in its host, and (when the host escapes characters, as JSON does)
 * the host column offset of each of the line's characters. */
export interface LineOrigin extends Position {
  columns?: number[];
}

/**
 * A script assembled from lines stored elsewhere (Postman `exec` arrays): line i of the script is reported at
 * `lineOrigins[i]` of the host file.
 */
export class EmbeddedText implements SourceText {
  private starts: number[] | undefined;
  constructor(
    private readonly host: SourceText,
    readonly text: string,
    private readonly lineOrigins: LineOrigin[],
  ) {}
  get file(): string {
    return this.host.file;
  }
  get absPath(): string {
    return this.host.absPath;
  }
  position(offset: number): Position {
    this.starts ??= lineStartsOf(this.text);
    const local = positionIn(this.starts, Math.max(0, Math.min(offset, this.text.length)));
    const origin = this.lineOrigins[local.line - 1] ?? this.lineOrigins[this.lineOrigins.length - 1];
    if (!origin) return local;
    const shift = origin.columns ? (origin.columns[local.column - 1] ?? (origin.columns.at(-1) ?? -1) + 1) : local.column - 1;
    return { line: origin.line, column: origin.column + shift };
  }
}

export function spanLocation(span: Span): { file: string; line: number; column: number; endLine: number; endColumn: number } {
  const start = span.source.position(span.start);
  let end = span.source.position(span.end);
  // Embedded scripts map several of their lines onto one line of the host file: never end before the start.
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) end = start;
  return { file: span.source.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
