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
  return addJsonProperties(text, start, end, [[key, valueJson]]);
}

/**
 * Adds entries to the object written at text[start, end), after its last one and in its layout. `bareKeys`:
 * YAML flow style, where keys go unquoted.
 */
export function addJsonProperties(text: string, start: number, end: number, entries: [string, string][], bareKeys = false): RawEdit | undefined {
  const object = parseTree(text.slice(start, end), [], { allowTrailingComma: true });
  const children = object?.type === "object" ? (object.children ?? []) : undefined;
  // YAML flow maps are not JSON: find their entries by the top-level commas instead.
  const spans = children ? children.map((c) => [start + c.offset, start + c.offset + c.length] as [number, number]) : bareKeys ? flowEntries(text, start, end) : undefined;
  if (!spans) return undefined;
  const keyText = (key: string) => (bareKeys ? key : JSON.stringify(key));
  const last = spans.at(-1);
  if (!last) {
    const inner = text.slice(start + 1, end - 1);
    const body = entries.map(([k, v]) => `${keyText(k)}: ${v}`).join(", ");
    return { start: start + 1, end: end - 1, text: inner.includes("\n") ? `\n  ${body}\n` : ` ${body} ` };
  }
  const [lastStart, lastEnd] = last;
  const multiline = spans.length > 1 ? lineOf(text, spans[0][0]) !== lineOf(text, lastEnd) : text.slice(start, end).includes("\n");
  const colon = /:(\s*)/.exec(text.slice(lastStart, lastEnd))?.[1] ?? " ";
  const written = entries.map(([k, v]) => `${keyText(k)}:${colon}${v}`);
  const trailingComma = /^\s*,/.exec(text.slice(lastEnd, end - 1));
  const at = trailingComma ? lastEnd + trailingComma[0].length : lastEnd;
  if (multiline) {
    const indent = indentationAt(text, lastStart);
    const lines = written.map((w) => `\n${indent}${w}`);
    return { start: at, end: at, text: trailingComma ? lines.map((l) => `${l},`).join("") : `,${lines.join(",")}` };
  }
  const afterComma = spans.length > 1 ? (/,(\s*)$/.exec(text.slice(spans[0][0], spans[1][0]))?.[1] ?? " ") : " ";
  const joined = written.join(`,${afterComma}`);
  return { start: at, end: at, text: trailingComma ? `${afterComma}${joined},` : `,${afterComma}${joined}` };
}

/** The entries of a flow collection `{ a: 1, b: [2, 3] }`, split at its top-level commas. */
function flowEntries(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let from = start + 1;
  let quote = "";
  for (let i = start + 1; i < end - 1; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      push(from, i);
      from = i + 1;
    }
  }
  push(from, end - 1);
  return out;
  function push(a: number, b: number) {
    const piece = text.slice(a, b);
    if (!piece.trim()) return;
    const lead = piece.length - piece.trimStart().length;
    out.push([a + lead, a + piece.trimEnd().length]);
  }
}

/** Removes item `index` of the JSON array written at text[start, end), with the comma that joins it. */
export function removeJsonArrayItem(text: string, start: number, end: number, index: number): RawEdit | undefined {
  const array: JsonNode | undefined = parseTree(text.slice(start, end), [], { allowTrailingComma: true });
  // YAML flow sequences (`[a, b]`) are not JSON: split them at their top-level commas.
  const items = array?.type === "array" ? (array.children ?? []).map((c) => [start + c.offset, start + c.offset + c.length] as [number, number]) : flowEntries(text, start, end);
  const item = items[index];
  if (!item) return undefined;
  if (items.length === 1) return { start: item[0], end: item[1], text: "" };
  if (index < items.length - 1) return { start: item[0], end: items[index + 1][0], text: "" };
  return { start: items[index - 1][1], end: item[1], text: "" };
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
