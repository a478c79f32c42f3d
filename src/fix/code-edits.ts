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
  return addObjectProperties(workspace, object, [{ name, code: valueCode }]);
}

/** A small value as code in the file's quotes: `{ type: "string" }`. */
export function codeValue(value: unknown, quote: '"' | "'"): string {
  if (Array.isArray(value)) return `[${value.map((v) => codeValue(v, quote)).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{ ${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoted(k, quote)}: ${codeValue(v, quote)}`).join(", ")} }`;
  }
  return typeof value === "string" ? quoted(value, quote) : JSON.stringify(value);
}

/** Adds properties (values as code) to an object literal, after its last property, in its layout. */
export function addObjectProperties(workspace: Workspace, object: TS.ObjectLiteralExpression, entries: { name: string; code: string }[]): SpanEdit | undefined {
  const ts = tsApi();
  const unit = workspace.unitOf(object);
  if (!unit || !entries.length) return undefined;
  const sf = unit.sf;
  const text = sf.text;
  const props = object.properties;
  const quote = quoteOf(object);
  const keysQuoted = props.length > 0 && props.every((p) => p.name && ts.isStringLiteral(p.name));
  const keyOf = (name: string) => (keysQuoted || !/^[A-Za-z_$][\w$]*$/.test(name) ? quoted(name, quote) : name);
  const written = entries.map((e) => `${keyOf(e.name)}: ${e.code}`);
  const entry = written.join(", ");
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
    const lines = written.map((w) => `\n${indent}${w}`);
    return { span: at(end), text: trailingComma ? lines.map((l) => `${l},`).join("") : `,${lines.join(",")}` };
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

/** Removes an element of an array literal, with the comma that joins it. */
export function removeArrayElement(workspace: Workspace, array: TS.ArrayLiteralExpression, index: number): SpanEdit | undefined {
  const unit = workspace.unitOf(array);
  const elements = array.elements;
  const element = elements[index];
  if (!unit || !element) return undefined;
  const span = (start: number, end: number): SpanEdit => ({ span: { source: unit.source, start, end }, text: "" });
  if (elements.length === 1) return span(element.getStart(unit.sf), element.end);
  if (index < elements.length - 1) return span(element.getStart(unit.sf), elements[index + 1].getStart(unit.sf));
  return span(elements[index - 1].end, element.end);
}

/** Adds string elements after the last element of an array literal, in its layout and quotes. */
export function addArrayElements(workspace: Workspace, array: TS.ArrayLiteralExpression, values: string[]): SpanEdit | undefined {
  const unit = workspace.unitOf(array);
  const last = array.elements[array.elements.length - 1];
  if (!unit || !last || !values.length) return undefined;
  const quote = quoteOf(array);
  const written = values.map((v) => quoted(v, quote));
  const text = unit.sf.text;
  const multiline = unit.sf.getLineAndCharacterOfPosition(array.elements[0].getStart(unit.sf)).line !== unit.sf.getLineAndCharacterOfPosition(last.getStart(unit.sf)).line;
  const trailingComma = array.elements.hasTrailingComma;
  const end = trailingComma ? text.indexOf(",", last.end) + 1 : last.end;
  const at: Span = { source: unit.source, start: end, end };
  if (multiline) {
    const indent = indentationAt(text, last.getStart(unit.sf));
    const lines = written.map((w) => `\n${indent}${w}`);
    return { span: at, text: trailingComma ? lines.map((l) => `${l},`).join("") : `,${lines.join(",")}` };
  }
  return { span: at, text: trailingComma ? ` ${written.join(", ")},` : `, ${written.join(", ")}` };
}
