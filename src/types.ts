// The shapes of what a run produces: the output contract of `--format json` (schemas/output.schema.json).

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
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

export interface RunResult {
  version: string;
  findings: Finding[];
  suppressed: Finding[];
  notices: Notice[];
  summary: Summary;
}
