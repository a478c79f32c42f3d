// "What does a buffer hold once the code has written into it?" A new buffer (zero-filled or random) laid out
// from every write into the variable that holds it: integer writes (also through a DataView or byte by byte in
// a loop), copies and sets of other buffers at an offset, random fills of the whole or of a subarray.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { declarationOf, memberAccess, peel, qualifiedName, referencesTo } from "./ast.js";
import { ALLOCATORS, bytesOf, type ByteSequence, type Endian, MAX_SEGMENTS, RANDOM_FILLS, type Segment, shortText, TYPED_ALLOCATORS } from "./bytes.js";
import { numericValue, readTime } from "./time.js";
import type { Env, Resolver } from "./values.js";

interface IntegerWrite {
  method: string;
  offset: number;
  width: number;
  endian: Endian;
  value: TS.Expression;
  /** The write itself (a call, or an element assignment in a loop): where findings point. */
  call: TS.Node;
}

// Maps, not object literals: a method named "toString" must not find Object.prototype's.
const WRITE_METHODS = new Map<string, { width?: number; endian: Endian }>([
  ["writeBigUInt64BE", { width: 8, endian: "BE" }],
  ["writeBigInt64BE", { width: 8, endian: "BE" }],
  ["writeBigUInt64LE", { width: 8, endian: "LE" }],
  ["writeBigInt64LE", { width: 8, endian: "LE" }],
  ["writeUInt32BE", { width: 4, endian: "BE" }],
  ["writeInt32BE", { width: 4, endian: "BE" }],
  ["writeUInt32LE", { width: 4, endian: "LE" }],
  ["writeInt32LE", { width: 4, endian: "LE" }],
  ["writeUIntBE", { endian: "BE" }],
  ["writeIntBE", { endian: "BE" }],
  ["writeUIntLE", { endian: "LE" }],
  ["writeIntLE", { endian: "LE" }],
  ["writeDoubleBE", { width: 8, endian: "BE" }],
  ["writeDoubleLE", { width: 8, endian: "LE" }],
]);

export function isAllocation(node: TS.Expression): node is TS.CallExpression | TS.NewExpression {
  const ts = tsApi();
  if (ts.isCallExpression(node)) return ALLOCATORS.has(qualifiedName(node.expression) ?? "");
  return ts.isNewExpression(node) && TYPED_ALLOCATORS.has(qualifiedName(node.expression) ?? "");
}

export function allocationSize(resolver: Resolver, node: TS.CallExpression | TS.NewExpression, env: Env | undefined): number | undefined {
  const size = node.arguments?.[0];
  return size ? numericValue(resolver, size, env) : undefined;
}

/** Bytes put into part of a buffer: by a copy, a random fill, or integer writes. */
interface Region {
  offset: number;
  length?: number;
  segments: ByteSequence;
}

/**
 * An allocated buffer (Buffer.alloc(n), new Uint8Array(n)) as the writes into the variable that holds it lay
 * it out: integer writes (also through a DataView), `set`/`copy` of other buffers at an offset, random fills
 * of the whole or of a `subarray`. Bytes nothing writes are zeros.
 */
export function allocatedBuffer(resolver: Resolver, allocation: TS.CallExpression | TS.NewExpression, env: Env | undefined, depth: number): ByteSequence {
  return bufferLayout(resolver, allocation, allocationSize(resolver, allocation, env), "zeros", env, depth);
}

/**
 * A new buffer (zero-filled or random) as the writes into the variable that holds it lay it out; the bytes
 * nothing writes keep what the buffer was made with.
 */
export function bufferLayout(
  resolver: Resolver,
  allocation: TS.CallExpression | TS.NewExpression,
  size: number | undefined,
  made: "zeros" | "random",
  env: Env | undefined,
  depth: number,
): ByteSequence {
  const ts = tsApi();
  const unwritten = (length: number | undefined): Segment => ({ kind: made, length, node: allocation });
  let holder: TS.Node = allocation.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder)) holder = holder.parent;
  const writes: IntegerWrite[] = [];
  const regions: Region[] = [];
  if (ts.isVariableDeclaration(holder)) {
    for (const ref of referencesTo(holder)) {
      const write = integerWrite(resolver, ref, env) ?? byteLoopWrite(resolver, ref, env);
      if (write) writes.push(write);
      else writes.push(...dataViewWrites(resolver, ref, env));
      const region = placement(resolver, ref, size, env, depth);
      if (region) regions.push(region);
    }
  }
  if (writes.length) {
    writes.sort((a, b) => a.offset - b.offset);
    // Big-endian, the zero bytes before the first write are the number's high-order bytes.
    const start = writes[0].endian === "BE" && writes[0].offset < 8 ? 0 : writes[0].offset;
    const end = writes.reduce((e, w) => Math.max(e, w.offset + w.width), 0);
    regions.push({ offset: start, length: end - start, segments: timestampFromWrites(resolver, writes, undefined, env, allocation) });
  }
  if (!regions.length) return [unwritten(size)];
  regions.sort((a, b) => a.offset - b.offset);
  const out: ByteSequence = [];
  let at = 0;
  for (const region of regions) {
    if (region.offset > at) out.push(unwritten(region.offset - at));
    out.push(...region.segments);
    at = region.length !== undefined ? region.offset + region.length : Math.max(at, region.offset);
  }
  if (size !== undefined && at < size) out.push(unwritten(size - at));
  return out.slice(0, MAX_SEGMENTS);
}

/** `buf.set(src, off)`, `src.copy(buf, off)`, `randomFillSync(buf, off)`, `getRandomValues(buf.subarray(a, b))`. */
function placement(resolver: Resolver, ref: TS.Identifier, size: number | undefined, env: Env | undefined, depth: number): Region | undefined {
  const ts = tsApi();
  const parent = ref.parent;
  const offsetOf = (arg: TS.Expression | undefined): number | undefined => (arg ? numericValue(resolver, arg, env) : 0);
  // buf.set(src, offset)
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === "set" && ts.isCallExpression(parent.parent) && parent.parent.arguments[0]) {
    const call = parent.parent;
    const offset = offsetOf(call.arguments[1]);
    return offset === undefined ? undefined : { offset, segments: firstSequence(resolver, call.arguments[0], env, depth) };
  }
  // src.copy(buf, targetStart)
  if (ts.isCallExpression(parent) && parent.arguments[0] === ref) {
    const access = memberAccess(parent.expression);
    if (access?.name === "copy") {
      const offset = offsetOf(parent.arguments[1]);
      return offset === undefined ? undefined : { offset, segments: firstSequence(resolver, access.object, env, depth) };
    }
    const name = qualifiedName(parent.expression);
    if (name && RANDOM_FILLS.has(name)) {
      const offset = offsetOf(parent.arguments[1]);
      if (offset === undefined) return undefined;
      const explicit = parent.arguments[2] ? numericValue(resolver, parent.arguments[2], env) : undefined;
      const length = explicit ?? (size !== undefined ? size - offset : undefined);
      return { offset, length, segments: [{ kind: "random", length, node: parent }] };
    }
  }
  // getRandomValues(buf.subarray(a, b)) / randomFillSync(buf.subarray(a))
  if (ts.isPropertyAccessExpression(parent) && (parent.name.text === "subarray" || parent.name.text === "slice") && ts.isCallExpression(parent.parent)) {
    const sub = parent.parent;
    const fill = sub.parent;
    if (ts.isCallExpression(fill) && fill.arguments[0] === sub && RANDOM_FILLS.has(qualifiedName(fill.expression) ?? "")) {
      const start = offsetOf(sub.arguments[0]);
      const end = sub.arguments[1] ? numericValue(resolver, sub.arguments[1], env) : size;
      if (start === undefined) return undefined;
      const length = end !== undefined ? end - start : undefined;
      return { offset: start, length, segments: [{ kind: "random", length, node: fill }] };
    }
  }
  return undefined;
}

function firstSequence(resolver: Resolver, expr: TS.Expression, env: Env | undefined, depth: number): ByteSequence {
  return bytesOf(resolver, expr, env, depth + 1)[0] ?? [{ kind: "opaque", why: `\`${shortText(expr)}\``, node: expr }];
}

/** `new DataView(buf.buffer)` (or over the buffer itself) and the setBigUint64/setUint32 calls on it. */
function dataViewWrites(resolver: Resolver, ref: TS.Identifier, env: Env | undefined): IntegerWrite[] {
  const ts = tsApi();
  let viewed: TS.Node = ref;
  if (ts.isPropertyAccessExpression(ref.parent) && ref.parent.name.text === "buffer") viewed = ref.parent;
  const creation = viewed.parent;
  if (!ts.isNewExpression(creation) || qualifiedName(creation.expression) !== "DataView" || creation.arguments?.[0] !== viewed) return [];
  const base = creation.arguments[1] ? (numericValue(resolver, creation.arguments[1], env) ?? 0) : 0;
  const holder = creation.parent;
  // `const view = new DataView(…); view.setBigUint64(…)`, or `new DataView(…).setBigUint64(…)` directly.
  const accesses = ts.isVariableDeclaration(holder) ? referencesTo(holder).map((r) => r.parent) : [holder];
  const out: IntegerWrite[] = [];
  for (const access of accesses) {
    const call = access.parent;
    if (!ts.isPropertyAccessExpression(access) || !ts.isCallExpression(call) || call.expression !== access) continue;
    const width = DATAVIEW_WIDTHS.get(access.name.text);
    if (!width || !call.arguments[1]) continue;
    const offset = numericValue(resolver, call.arguments[0], env);
    // DataView is big-endian unless its third argument is true.
    const little = call.arguments[2] && call.arguments[2].kind === ts.SyntaxKind.TrueKeyword;
    if (offset === undefined) continue;
    out.push({ method: `DataView.${access.name.text}(…, ${little ? "true" : "false"})`, offset: base + offset, width, endian: little ? "LE" : "BE", value: call.arguments[1], call });
  }
  return out;
}

/**
 * A number written one byte at a time, low byte first, in a loop:
 *   for (let i = 7; i >= 0; i--) { buf[i] = t & 0xff; t = Math.floor(t / 256); }   // big-endian
 *   for (let i = 0; i < 8; i++) { buf[i] = Number(t & 0xffn); t >>= 8n; }          // little-endian
 * The index the first (low) byte lands on tells the byte order; the variable's start value is the clock.
 */
function byteLoopWrite(resolver: Resolver, ref: TS.Identifier, env: Env | undefined): IntegerWrite | undefined {
  const ts = tsApi();
  const element = ref.parent;
  if (!ts.isElementAccessExpression(element) || element.expression !== ref) return undefined;
  const assignment = element.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.left !== element || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  let loop: TS.Node | undefined = assignment.parent;
  while (loop && !ts.isForStatement(loop) && !ts.isFunctionLike(loop)) loop = loop.parent;
  if (!loop || !ts.isForStatement(loop) || !loop.initializer || !ts.isVariableDeclarationList(loop.initializer)) return undefined;
  const counter = loop.initializer.declarations[0];
  if (!counter || !ts.isIdentifier(counter.name) || !counter.initializer) return undefined;
  const start = numericValue(resolver, counter.initializer, env);
  const index = peel(element.argumentExpression);
  const counterName = counter.name.text;
  let first: number | undefined;
  if (ts.isIdentifier(index) && index.text === counterName) first = start;
  else if (ts.isBinaryExpression(index) && index.operatorToken.kind === ts.SyntaxKind.MinusToken && ts.isIdentifier(index.right) && index.right.text === counterName) {
    const from = numericValue(resolver, index.left, env);
    first = from !== undefined && start !== undefined ? from - start : undefined;
  }
  // The value is the low byte of a variable that the loop then shifts down.
  const masked = peel(assignment.right);
  const inner = ts.isCallExpression(masked) && masked.arguments[0] ? peel(masked.arguments[0]) : masked;
  const lowByteOf = ts.isBinaryExpression(inner) && ["&", "%"].includes(inner.operatorToken.getText()) ? peel(inner.left) : undefined;
  if (first === undefined || !lowByteOf || !ts.isIdentifier(lowByteOf)) return undefined;
  const decl = declarationOf(lowByteOf);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const endian: Endian = first === 0 ? "LE" : "BE";
  const width = endian === "BE" ? first + 1 : 8;
  return { method: "a byte-by-byte loop", offset: 0, width, endian, value: decl.initializer, call: assignment };
}

const DATAVIEW_WIDTHS = new Map([
  ["setBigUint64", 8],
  ["setBigInt64", 8],
  ["setUint32", 4],
  ["setInt32", 4],
  ["setFloat64", 8],
]);

function integerWrite(resolver: Resolver, ref: TS.Identifier, env: Env | undefined): IntegerWrite | undefined {
  const ts = tsApi();
  const access = ref.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== ref) return undefined;
  const spec = WRITE_METHODS.get(access.name.text);
  const call = access.parent;
  if (!spec || !ts.isCallExpression(call) || call.expression !== access || !call.arguments[0]) return undefined;
  const offset = call.arguments[1] ? (numericValue(resolver, call.arguments[1], env) ?? -1) : 0;
  const width = spec.width ?? (call.arguments[2] ? (numericValue(resolver, call.arguments[2], env) ?? 0) : 0);
  return { method: access.name.text, offset, width, endian: spec.endian, value: call.arguments[0], call };
}

/**
 * The integer writes into one buffer, as the prefix they make: one 64-bit write, two 32-bit halves (the clock
 * is in the low-order half, at offset 4 for big-endian), or a single narrower write. Big-endian, the number
 * fills the bytes up to the end of its low-order write; whatever follows is unwritten.
 */
function timestampFromWrites(resolver: Resolver, writes: IntegerWrite[], size: number | undefined, env: Env | undefined, node: TS.Node): ByteSequence {
  const first = writes[0];
  const how = writes.length === 1 ? first.method : writes.map((w) => w.method).join(" + ");
  if (writes.some((w) => w.offset < 0 || w.width <= 0)) {
    return [{ kind: "opaque", why: `${how} at an offset the analysis cannot compute`, node: first.call }];
  }
  const endian = first.endian;
  const low = endian === "BE" ? writes[writes.length - 1] : first;
  const covered = writes.reduce((end, w) => Math.max(end, w.offset + w.width), 0);
  const width = endian === "BE" ? low.offset + low.width : covered;
  const { unit, clock } = readTime(resolver, low.value, env);
  const prefix: Segment = { kind: "timestamp", width, endian, unit, how, node: low.call, clock };
  return size !== undefined && size > width ? [prefix, { kind: "zeros", length: size - width, node }] : [prefix];
}
