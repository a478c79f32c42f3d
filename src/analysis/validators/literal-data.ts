// A JSON Schema written in code as an object literal (`ajv.compile({...})`), as the same kind of document a
// schema file is: a plain value whose parts remember where they are written, followed through constants
// (`properties: { tokenInfo: tokenInfoSchema }`) and spreads, possibly into other files.
import type { ts as TS } from "ts-morph";
import type { DataDocument } from "../../parse/data.js";
import { tsApi } from "../../parse/typescript.js";
import type { Span } from "../../source.js";
import { peel, propertyNameText } from "../ast.js";
import { spanOfNode } from "../spans.js";
import { addObjectProperties, codeValue, quoteOf, removeArrayElement, replaceNode } from "../../fix/code-edits.js";
import type { Env, Resolver } from "../values.js";

const MAX_DEPTH = 40;
const MAX_NODES = 20_000;

export function literalDocument(resolver: Resolver, expr: TS.Expression, env?: Env): DataDocument | undefined {
  const ts = tsApi();
  const places = new WeakMap<object, Map<string | number, { key?: TS.Node; value: TS.Node }>>();
  const written = new WeakMap<object, TS.Node>();
  let nodes = 0;
  const convert = (input: TS.Expression, at: Env | undefined, depth: number): unknown => {
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) return undefined;
    const e = peel(input);
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (e.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return -Number(e.operand.text);
    if (ts.isArrayLiteralExpression(e)) {
      const table = new Map<string | number, { key?: TS.Node; value: TS.Node }>();
      const items: unknown[] = [];
      for (const element of e.elements) {
        if (ts.isSpreadElement(element)) continue;
        table.set(items.length, { value: element });
        items.push(convert(element, at, depth + 1));
      }
      places.set(items, table);
      written.set(items, e);
      return items;
    }
    if (ts.isObjectLiteralExpression(e)) {
      const table = new Map<string | number, { key?: TS.Node; value: TS.Node }>();
      const object: Record<string, unknown> = {};
      for (const prop of e.properties) {
        if (ts.isSpreadAssignment(prop)) {
          const spread = convert(prop.expression, at, depth + 1);
          if (spread && typeof spread === "object" && !Array.isArray(spread)) {
            Object.assign(object, spread);
            for (const [k, v] of places.get(spread) ?? []) table.set(k, v);
          }
          continue;
        }
        const name = propertyNameText(prop.name);
        const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
        if (name === undefined || !value) continue;
        const converted = convert(value, at, depth + 1);
        if (converted === undefined) continue;
        object[name] = converted;
        table.set(name, { key: prop, value });
      }
      places.set(object, table);
      written.set(object, e);
      return object;
    }
    // A constant holding part of the schema, here or in another module.
    for (const def of resolver.leaves(e, at)) {
      if (def.kind === "expr" && def.node !== e) return convert(def.node, def.env, depth + 1);
    }
    return undefined;
  };
  const value = convert(expr, env, 0);
  if (!value || typeof value !== "object") return undefined;
  const span = (node: TS.Node | undefined): Span | undefined => (node ? spanOfNode(resolver.workspace, node) : undefined);
  const workspace = resolver.workspace;
  return {
    value,
    keySpan: (holder, key) => span(places.get(holder)?.get(key)?.key ?? places.get(holder)?.get(key)?.value),
    valueSpan: (holder, keyOrIndex) => span(places.get(holder)?.get(keyOrIndex)?.value),
    edits: {
      addEntries(holder, entries) {
        const node = written.get(holder);
        if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
        const quote = quoteOf(node);
        return addObjectProperties(workspace, node, entries.map((e) => ({ name: e.key, code: codeValue(e.value, quote) })));
      },
      removeItem(holder, index) {
        const node = written.get(holder);
        return node && ts.isArrayLiteralExpression(node) ? removeArrayElement(workspace, node, index) : undefined;
      },
      replaceValue(holder, key, value) {
        const node = places.get(holder)?.get(key)?.value;
        return node && replaceNode(workspace, node, codeValue(value, quoteOf(node)));
      },
    },
  };
}
