// Edits of code that read as if the file's author wrote them: a property added after the last one, in the
// object's layout (own line with the same indentation, or inline), with the file's quotes, key quoting and
// trailing-comma habit; a literal replaced in its own quote style.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import type { Span } from "../source.js";
import type { Workspace } from "../analysis/workspace.js";
import { indentationAt } from "./json-edits.js";

export interface SpanEdit {
  span: Span;
  text: string;
}

/** The quote the file writes strings with: its first string literal's, else double. */
export function quoteOf(node: TS.Node): '"' | "'" {
  const ts = tsApi();
  const sf = node.getSourceFile();
  let found: '"' | "'" | undefined;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isStringLiteral(n) && !ts.isImportDeclaration(n.parent) && !ts.isExportDeclaration(n.parent)) {
      const q = sf.text[n.getStart(sf)];
      if (q === '"' || q === "'") found = q;
      return;
    }
    ts.forEachChild(n, visit);
  };
  // The object's own strings first, then the file's.
  visit(node);
  if (!found) visit(sf);
  return found ?? '"';
}

export function quoted(text: string, quote: '"' | "'"): string {
  const body = JSON.stringify(text).slice(1, -1);
  return quote === '"' ? `"${body}"` : `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Adds `name: value` (value as code) to an object literal, after its last property. */
export function addObjectProperty(workspace: Workspace, object: TS.ObjectLiteralExpression, name: string, valueCode: string): SpanEdit | undefined {
  const ts = tsApi();
  const unit = workspace.unitOf(object);
  if (!unit) return undefined;
  const sf = unit.sf;
  const text = sf.text;
  const props = object.properties;
  const quote = quoteOf(object);
  const keysQuoted = props.length > 0 && props.every((p) => p.name && ts.isStringLiteral(p.name));
  const key = keysQuoted ? quoted(name, quote) : name;
  const entry = `${key}: ${valueCode}`;
  const at = (offset: number): Span => ({ source: unit.source, start: offset, end: offset });
  const last = props[props.length - 1];
  if (!last) {
    const inner = object.getStart(sf) + 1;
    return { span: { source: unit.source, start: inner, end: object.end - 1 }, text: ` ${entry} ` };
  }
  const lastStart = last.getStart(sf);
  const multiline = sf.getLineAndCharacterOfPosition(object.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(lastStart).line;
  const trailingComma = props.hasTrailingComma;
  // After the trailing comma when there is one, so the habit is kept.
  const end = trailingComma ? text.indexOf(",", last.end) + 1 : last.end;
  if (multiline) {
    const indent = indentationAt(text, lastStart);
    return { span: at(end), text: trailingComma ? `\n${indent}${entry},` : `,\n${indent}${entry}` };
  }
  return { span: at(end), text: trailingComma ? ` ${entry},` : `, ${entry}` };
}

export function replaceNode(workspace: Workspace, node: TS.Node, text: string): SpanEdit | undefined {
  const unit = workspace.unitOf(node);
  return unit ? { span: { source: unit.source, start: node.getStart(unit.sf), end: node.end }, text } : undefined;
}

export function insertAt(workspace: Workspace, node: TS.Node, where: "before" | "after", text: string): SpanEdit | undefined {
  const unit = workspace.unitOf(node);
  if (!unit) return undefined;
  const offset = where === "before" ? node.getStart(unit.sf) : node.end;
  return { span: { source: unit.source, start: offset, end: offset }, text };
}
