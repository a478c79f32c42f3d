// JSON and YAML files as plain values that remember where each part was written: every object and array of
// the value maps back to its place in the text, so a finding about a schema keyword can point at that keyword.
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from "yaml";
import type { SourceText, Span } from "../source.js";
import { addJsonProperties, indentationAt, removeJsonArrayItem } from "../fix/json-edits.js";

export interface DataDocument {
  value: unknown;
  /** Where `key` of the object `holder` (a part of `value`) is written: the key, or the whole entry. */
  keySpan(holder: object, key: string): Span | undefined;
  /** Where item `index` of the array (or the value of `key` of the object) `holder` is written. */
  valueSpan(holder: object, keyOrIndex: string | number): Span | undefined;
  /** Edits of the text that keep its layout, for fixes; undefined where the document cannot be edited. */
  edits?: DataEdits;
}

/** A replacement of a span of the document's text. */
export interface DataEdit {
  span: Span;
  text: string;
}

export interface DataEdits {
  /** Adds entries to the object `holder`, after its last one, written in the document's own notation. */
  addEntries(holder: object, entries: { key: string; value: unknown }[]): DataEdit | undefined;
  /** Removes item `index` of the array `holder`. */
  removeItem(holder: object, index: number): DataEdit | undefined;
  /** Replaces the value of `key` in the object `holder`. */
  replaceValue(holder: object, key: string, value: unknown): DataEdit | undefined;
}

export interface DataParse {
  documents: DataDocument[];
  /** The first syntax error, for a parse-error notice; what parsed is still returned. */
  error?: { offset: number; message: string };
}

type Ranges = WeakMap<object, Map<string | number, { key?: [number, number]; value: [number, number] }>>;
/** Where each object and array is written, and whether in flow style (JSON, YAML `{…}`/`[…]`). */
type Shapes = WeakMap<object, { range: [number, number]; flow: boolean }>;

function documentOf(source: SourceText, value: unknown, ranges: Ranges, shapes?: Shapes): DataDocument {
  const span = (r: [number, number] | undefined): Span | undefined => r && { source, start: r[0], end: r[1] };
  return {
    value,
    edits: shapes && dataEdits(source, ranges, shapes),
    keySpan: (holder, key) => {
      const entry = ranges.get(holder)?.get(key);
      return span(entry?.key ?? entry?.value);
    },
    valueSpan: (holder, keyOrIndex) => span(ranges.get(holder)?.get(keyOrIndex)?.value),
  };
}

export function parseJsonData(source: SourceText): DataParse {
  const errors: ParseError[] = [];
  const root = parseTree(source.text, errors, { allowTrailingComma: true, disallowComments: false });
  const ranges: Ranges = new WeakMap();
  const shapes: Shapes = new WeakMap();
  const range = (n: JsonNode): [number, number] => [n.offset, n.offset + n.length];
  // Iterative, so a deeply nested file cannot overflow the stack here.
  const build = (top: JsonNode): unknown => {
    const made = new Map<JsonNode, unknown>();
    const stack: { node: JsonNode; done: boolean }[] = [{ node: top, done: false }];
    while (stack.length) {
      const frame = stack.pop()!;
      const n = frame.node;
      if (n.type !== "object" && n.type !== "array") {
        made.set(n, n.value);
        continue;
      }
      const children = n.type === "object" ? (n.children ?? []).map((p) => p.children?.[1]).filter((c): c is JsonNode => !!c) : (n.children ?? []);
      if (!frame.done) {
        stack.push({ node: n, done: true }, ...children.map((c) => ({ node: c, done: false })));
        continue;
      }
      const table = new Map<string | number, { key?: [number, number]; value: [number, number] }>();
      if (n.type === "array") {
        const items = (n.children ?? []).map((c, i) => {
          table.set(i, { value: range(c) });
          return made.get(c);
        });
        ranges.set(items, table);
        shapes.set(items, { range: range(n), flow: true });
        made.set(n, items);
      } else {
        const object: Record<string, unknown> = Object.create(null);
        for (const pair of n.children ?? []) {
          const [keyNode, valueNode] = pair.children ?? [];
          if (!keyNode || !valueNode || typeof keyNode.value !== "string") continue;
          // Duplicate keys: the last one wins, as in JSON.parse.
          object[keyNode.value] = made.get(valueNode);
          table.set(keyNode.value, { key: range(pair), value: range(valueNode) });
        }
        ranges.set(object, table);
        shapes.set(object, { range: range(n), flow: true });
        made.set(n, object);
      }
    }
    return made.get(top);
  };
  const first = errors[0];
  return {
    documents: root ? [documentOf(source, build(root), ranges, shapes)] : [],
    error: first && { offset: first.offset, message: `invalid JSON: ${printParseErrorCode(first.error)}` },
  };
}

/** Aliases are expanded at most this many times, copying at most this many values in all, so an alias bomb
 * (each alias copying a large list) stays small. */
const MAX_ALIAS_EXPANSIONS = 1000;
const MAX_BUILT_VALUES = 200_000;

export function parseYamlData(source: SourceText): DataParse {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const documents: DataDocument[] = [];
  let error: DataParse["error"];
  for (const doc of list) {
    const problem = doc.errors[0];
    if (problem && !error) error = { offset: problem.pos[0], message: `invalid YAML: ${problem.message.split("\n")[0]}` };
    const ranges: Ranges = new WeakMap();
    const shapes: Shapes = new WeakMap();
    let expansions = 0;
    let copied = 0;
    let inAlias = 0;
    const build = (node: unknown, depth: number): unknown => {
      // What the text itself holds is bounded by the file size; only copies made through aliases can explode.
      if (depth > 200 || (inAlias > 0 && ++copied > MAX_BUILT_VALUES)) return undefined;
      if (isAlias(node)) {
        if (++expansions > MAX_ALIAS_EXPANSIONS) return undefined;
        inAlias++;
        try {
          return build(node.resolve(doc), depth + 1);
        } finally {
          inAlias--;
        }
      }
      if (isScalar(node)) return node.value;
      const range = (n: YamlNode | null | unknown): [number, number] | undefined => {
        const r = (n as YamlNode | null)?.range;
        return r ? [r[0], r[1]] : undefined;
      };
      if (isSeq(node)) {
        const table = new Map<string | number, { key?: [number, number]; value: [number, number] }>();
        const items = node.items.map((item, i) => {
          const r = range(item);
          if (r) table.set(i, { value: r });
          return build(item, depth + 1);
        });
        ranges.set(items, table);
        const r = range(node);
        if (r) shapes.set(items, { range: r, flow: !!node.flow });
        return items;
      }
      if (isMap(node)) {
        const table = new Map<string | number, { key?: [number, number]; value: [number, number] }>();
        const object: Record<string, unknown> = Object.create(null);
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? pair.key.value : pair.key;
          // A merge key (`<<: *base`) brings in the entries the map does not set itself.
          if (key === "<<") {
            const merged = build(pair.value, depth + 1);
            for (const source of Array.isArray(merged) ? merged : [merged]) {
              if (source && typeof source === "object" && !Array.isArray(source)) {
                for (const [k, v] of Object.entries(source)) {
                  if (k in object) continue;
                  object[k] = v;
                  const from = ranges.get(source)?.get(k);
                  if (from) table.set(k, from);
                }
              }
            }
            continue;
          }
          if (typeof key !== "string" && typeof key !== "number") continue;
          object[String(key)] = build(pair.value, depth + 1);
          const keyRange = range(pair.key);
          const valueRange = range(pair.value) ?? keyRange;
          if (valueRange) table.set(String(key), { key: keyRange && [keyRange[0], valueRange[1]], value: valueRange });
        }
        ranges.set(object, table);
        const r = range(node);
        if (r) shapes.set(object, { range: r, flow: !!node.flow });
        return object;
      }
      return undefined;
    };
    documents.push(documentOf(source, build(doc.contents, 0), ranges, shapes));
  }
  return { documents, error };
}

/**
 * Layout-keeping edits: flow collections (all of JSON) are edited as JSON text is; YAML block collections
 * gain a line in the indentation of their last entry, or lose the lines of the removed item.
 */
function dataEdits(source: SourceText, ranges: Ranges, shapes: Shapes): DataEdits {
  const text = source.text;
  const edit = (start: number, end: number, replacement: string): DataEdit => ({ span: { source, start, end }, text: replacement });
  return {
    addEntries(holder, entries) {
      const shape = shapes.get(holder);
      if (!shape || !entries.length) return undefined;
      const [start, end] = shape.range;
      const yaml = !/\.json$/i.test(source.absPath);
      if (shape.flow) {
        const bare = yaml && !text.slice(start, end).includes('"');
        const made = addJsonProperties(text, start, end, entries.map((e) => [e.key, yaml ? yamlFlow(e.value) : jsonInline(e.value)]), bare);
        return made && edit(made.start, made.end, made.text);
      }
      const last = [...(ranges.get(holder)?.values() ?? [])].at(-1);
      if (!last?.key) return undefined;
      const indent = indentationAt(text, last.key[0]);
      const lines = entries.map((e) => `\n${indent}${e.key}: ${yamlFlow(e.value)}`).join("");
      return edit(last.value[1], last.value[1], lines);
    },
    removeItem(holder, index) {
      const shape = shapes.get(holder);
      const item = ranges.get(holder)?.get(index);
      if (!shape || !item) return undefined;
      if (shape.flow) {
        const made = removeJsonArrayItem(text, shape.range[0], shape.range[1], index);
        return made && edit(made.start, made.end, made.text);
      }
      // A block item `- value`: its whole line.
      const lineStart = text.lastIndexOf("\n", item.value[0] - 1) + 1;
      const lineEnd = text.indexOf("\n", item.value[1]);
      return edit(lineStart, lineEnd < 0 ? text.length : lineEnd + 1, "");
    },
    replaceValue(holder, key, value) {
      const entry = ranges.get(holder)?.get(key);
      return entry && edit(entry.value[0], entry.value[1], /\.json$/i.test(source.absPath) ? jsonInline(value) : yamlFlow(value));
    },
  };
}

/** A small value as one line of JSON with the usual spacing: `{ "type": "string" }`. */
export function jsonInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonInline).join(", ")}]`;
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${jsonInline(v)}`).join(", ")} }`;
  return JSON.stringify(value);
}

/** The same in YAML flow style: `{ type: string }`. */
export function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(", ")}]`;
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${yamlFlow(v)}`).join(", ")} }`;
  return typeof value === "string" && /^[A-Za-z][\w-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value) ? value : JSON.stringify(value);
}
