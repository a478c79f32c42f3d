// The shapes of what a run produces: the output contract of `--format json` (schemas/output.schema.json).

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A place in a file's text: `offset` in UTF-16 code units after any BOM, 1-based line and column. */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export interface TextEdit {
  /** `end` is exclusive; an insertion has start equal to end. */
  range: { start: TextPosition; end: TextPosition };
  text: string;
}

/** Edits that are applied together or not at all. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  docs: string;
  relatedLocations?: RelatedLocation[];
  /** A safe fix, applied by --fix. */
  fix?: Fix;
  /** Changes that alter behaviour beyond the migration; --fix --unsafe-fixes applies the first. */
  suggestions?: Fix[];
}

/** A finding a directive, the configuration or a baseline set aside: reported, never counted. */
export interface SuppressedFinding extends Finding {
  suppression: { kind: "inline" | "config" | "baseline"; justification?: string };
}

/** Something the tool could not do (a file it could not parse, say): not a fault in the user's code. */
export interface Notice {
  kind: string;
  file: string;
  line?: number;
  message: string;
}

export interface Summary {
  files: number;
  parsed: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** What --fix changed in one file (or, with --fix-dry-run, would change). */
export interface FixedFile {
  file: string;
  /** How many fixes were applied. */
  fixes: number;
  edits: TextEdit[];
}

export interface RunResult {
  version: string;
  findings: Finding[];
  /** With --fix: the files changed. */
  fixed?: FixedFile[];
  /** With --fix-dry-run: what --fix would change; nothing is written. */
  dryRun?: FixedFile[];
  suppressed: SuppressedFinding[];
  notices: Notice[];
  summary: Summary;
}
