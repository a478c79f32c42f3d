// A rule's fix (spans of a parsed text) as the output contract states it: offsets, lines and columns in the
// file's text. Fixes are kept only when every edit lies in the finding's own file, in text read straight from
// it (an offset inside a Postman script is not an offset of the collection).
import { FileText, type Span } from "../source.js";
import type { FixSpec } from "../rule.js";
import type { Fix, TextPosition } from "../types.js";

export function toFix(spec: FixSpec, file: string): Fix | undefined {
  const edits = [];
  for (const edit of spec.edits) {
    if (!(edit.span.source instanceof FileText) || edit.span.source.file !== file) return undefined;
    edits.push({ range: { start: positionOf(edit.span, edit.span.start), end: positionOf(edit.span, edit.span.end) }, text: edit.text });
  }
  return edits.length ? { description: spec.description, edits } : undefined;
}

function positionOf(span: Span, offset: number): TextPosition {
  const { line, column } = span.source.position(offset);
  return { offset, line, column };
}
