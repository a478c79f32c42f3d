// Edits of JSON text that keep its formatting: a property added after the last one, in the object's own
// layout (one per line with the same indentation, or on one line with the same spacing); a value replaced in
// place; an array item removed with its comma. The JSON around the edit is never re-serialised.
import { type Node as JsonNode, parseTree } from "jsonc-parser";

export interface RawEdit {
  start: number;
  end: number;
  text: string;
}

/** Adds `"key": value` to the JSON object written at text[start, end). */
export function addJsonProperty(text: string, start: number, end: number, key: string, valueJson: string): RawEdit | undefined {
  const object = parseTree(text.slice(start, end), [], { allowTrailingComma: true });
  if (!object || object.type !== "object") return undefined;
  const children = object.children ?? [];
  const entry = `${JSON.stringify(key)}: ${valueJson}`;
  const last = children.at(-1);
  if (!last) {
    const inner = text.slice(start + 1, end - 1);
    return { start: start + 1, end: end - 1, text: inner.includes("\n") ? `\n  ${entry}\n` : ` ${entry} ` };
  }
  const lastEnd = start + last.offset + last.length;
  const multiline = children.length > 1 ? lineOf(text, start + children[0].offset) !== lineOf(text, lastEnd) : text.slice(start, end).includes("\n");
  const colon = /":(\s*)/.exec(text.slice(start + last.offset, lastEnd))?.[1] ?? " ";
  const spaced = `${JSON.stringify(key)}:${colon}${valueJson}`;
  const trailingComma = /^\s*,/.exec(text.slice(lastEnd, end - 1));
  const at = trailingComma ? lastEnd + trailingComma[0].length : lastEnd;
  if (multiline) {
    const indent = indentationAt(text, start + last.offset);
    return { start: at, end: at, text: trailingComma ? `\n${indent}${spaced},` : `,\n${indent}${spaced}` };
  }
  const afterComma = children.length > 1 ? (/,(\s*)$/.exec(text.slice(start + children[0].offset, start + children[1].offset))?.[1] ?? " ") : " ";
  return { start: at, end: at, text: trailingComma ? `${afterComma}${spaced},` : `,${afterComma}${spaced}` };
}

/** Removes item `index` of the JSON array written at text[start, end), with the comma that joins it. */
export function removeJsonArrayItem(text: string, start: number, end: number, index: number): RawEdit | undefined {
  const array: JsonNode | undefined = parseTree(text.slice(start, end), [], { allowTrailingComma: true });
  const items = array?.type === "array" ? (array.children ?? []) : [];
  const item = items[index];
  if (!item) return undefined;
  if (items.length === 1) return { start: start + item.offset, end: start + item.offset + item.length, text: "" };
  if (index < items.length - 1) return { start: start + item.offset, end: start + items[index + 1].offset, text: "" };
  const previous = items[index - 1];
  return { start: start + previous.offset + previous.length, end: start + item.offset + item.length, text: "" };
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? "";
}
