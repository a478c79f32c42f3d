// "Which bytes does this buffer hold?" An abstract byte sequence such as
// [timestamp(8, BE, seconds), random(100)], traced from where the bytes are built. Each segment keeps the node
// that produced it, so two buffers built from the same parts compare equal.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { redact } from "../redact.js";
import { declarationOf, literalArgument, memberAccess, peel, qualifiedName, referencesTo, stringLiteralText } from "./ast.js";
import { type ClockText, clockText, numericValue, readTime, type TimeUnit } from "./time.js";
import { type Def, type Env, envVariableName, type Resolver } from "./values.js";

export type Endian = "BE" | "LE";

export type Segment =
  /** A clock value written as bytes; `how` names the construct (writeBigUInt64BE, two writeUInt32BE …). */
  | { kind: "timestamp"; width: number; endian: Endian; unit: TimeUnit; how: string; node: TS.Node; clock?: TS.Node }
  | { kind: "random"; length?: number; node: TS.Node }
  /** The time written as text (an ISO date, decimal digits): characters, not an 8-byte integer. */
  | { kind: "text-time"; how: string; node: TS.Node }
  /** A buffer that nothing was written into. */
  | { kind: "zeros"; length?: number; node: TS.Node }
  /** Bytes written out in the source (a literal string or array). */
  | { kind: "constant"; node: TS.Node }
  /** Bytes that come from an environment variable. */
  | { kind: "environment"; name: string; node: TS.Node }
  | { kind: "param"; node: TS.Node }
  /** Anything the analysis does not understand: judged "could not verify". */
  | { kind: "opaque"; why: string; node: TS.Node };

export type ByteSequence = Segment[];

const MAX_ALTERNATIVES = 16;
/** Longer sequences are cut: only their start is judged, and signatures compare them whole up to here. */
const MAX_SEGMENTS = 64;
const RANDOM_SOURCES = new Set([
  "crypto.randomBytes",
  "crypto.pseudoRandomBytes",
  "node-forge.random.getBytesSync",
  "node-forge.random.generate",
  "CryptoJS.lib.WordArray.random",
  "crypto-js.lib.WordArray.random",
]);
/** Calls that fill the buffer they are given with random bytes and return it. */
const RANDOM_FILLS = new Set(["crypto.randomFillSync", "crypto.getRandomValues", "crypto.webcrypto.getRandomValues"]);
const ALLOCATORS = new Set(["Buffer.alloc", "Buffer.allocUnsafe", "Buffer.allocUnsafeSlow"]);
const TYPED_ALLOCATORS = new Set(["Uint8Array", "ArrayBuffer"]);
/** Text encodings that keep one byte per character, so the text is the same bytes. */
export const BINARY_ENCODINGS = new Set(["binary", "latin1"]);

/** The byte sequences `expr` can hold (one per way it can be built). */
export function bytesOf(resolver: Resolver, expr: TS.Expression, env?: Env, depth = 0): ByteSequence[] {
  const cycle: ByteSequence[] = [[{ kind: "opaque", why: "a buffer built from itself", node: expr }]];
  return resolver.memo<ByteSequence[]>("bytes").get(peel(expr), env, cycle, () => {
    const out: ByteSequence[] = [];
    for (const def of resolver.leaves(expr, env, depth)) {
      out.push(...bytesOfDef(resolver, def, depth + 1));
      if (out.length >= MAX_ALTERNATIVES) break;
    }
    return out.slice(0, MAX_ALTERNATIVES);
  });
}

function bytesOfDef(resolver: Resolver, def: Def, depth: number): ByteSequence[] {
  const ts = tsApi();
  if (def.kind === "param") return [[{ kind: "param", node: def.node }]];
  if (def.kind !== "expr") return [[{ kind: "opaque", why: "a value the analysis cannot follow", node: def.kind === "module" ? def.unit.sf : def.node }]];
  const node = def.node;
  if (depth > 30) return [[{ kind: "opaque", why: "nested too deeply", node }]];
  if (ts.isStringLiteralLike(node) || ts.isArrayLiteralExpression(node)) return [[{ kind: "constant", node }]];
  const envName = envVariableName(node);
  if (envName) return [[{ kind: "environment", name: envName, node }]];
  if (ts.isCallExpression(node)) return bytesOfCall(resolver, node, def.env, depth);
  if (ts.isNewExpression(node) && TYPED_ALLOCATORS.has(qualifiedName(node.expression) ?? "") && node.arguments?.length === 1) {
    const size = numericValue(resolver, node.arguments[0], def.env);
    if (size !== undefined) return [allocatedBuffer(resolver, node, def.env, depth)];
  }
  if (ts.isBinaryExpression(node) && isFallbackOperator(node.operatorToken.kind)) {
    // `process.env.DATA ?? "…"`: either side can be what is sent.
    return [...bytesOf(resolver, node.left, def.env, depth), ...bytesOf(resolver, node.right, def.env, depth)];
  }
  return [[{ kind: "opaque", why: `\`${shortText(node)}\``, node }]];
}

function isFallbackOperator(kind: TS.SyntaxKind): boolean {
  const ts = tsApi();
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function bytesOfCall(resolver: Resolver, call: TS.CallExpression, env: Env | undefined, depth: number): ByteSequence[] {
  const ts = tsApi();
  const name = qualifiedName(call.expression);
  if (name && RANDOM_SOURCES.has(name)) {
    // randomBytes(108) with the timestamp then written over its first 8 bytes is a prefixed buffer.
    const length = call.arguments[0] ? numericValue(resolver, call.arguments[0], env) : undefined;
    return [bufferLayout(resolver, call, length, "random", env, depth)];
  }
  if (name && RANDOM_FILLS.has(name) && call.arguments[0]) {
    // randomFillSync(Buffer.alloc(100)) is 100 random bytes; on a variable, the variable's layout says it.
    const target = peel(call.arguments[0]);
    if (isAllocation(target)) return [[{ kind: "random", length: allocationSize(resolver, target, env), node: call }]];
    return bytesOf(resolver, target, env, depth);
  }
  if (name === "Buffer.concat" && call.arguments[0]) return concatenation(resolver, call.arguments[0], env, depth);
  if ((HEX_PARSERS.has(name ?? "") || (name === "Buffer.from" && literalArgument(call, 1) === "hex")) && call.arguments[0] && !stringLiteralText(call.arguments[0])) {
    const text = clockText(resolver, call.arguments[0], env);
    if (!text) return bytesOfHexText(resolver, call.arguments[0], env, depth);
  }
  // A binary (latin1) string holds the same bytes, one per character: node-forge works on these.
  const asText = base64Source(call);
  if (asText && BINARY_ENCODINGS.has(asText.encoding?.toLowerCase() ?? "")) return bytesOf(resolver, asText.buffer, env, depth);
  if (name === "Buffer.from" && call.arguments[1] && BINARY_ENCODINGS.has(literalArgument(call, 1)?.toLowerCase() ?? "")) {
    return bytesOf(resolver, call.arguments[0], env, depth);
  }
  if (name === "Buffer.from" && call.arguments[0]) {
    if (stringLiteralText(call.arguments[0]) !== undefined) return [[{ kind: "constant", node: call }]];
    const text = clockText(resolver, call.arguments[0], env);
    if (text) return [[textTimestamp(resolver, text, literalArgument(call, 1), call, env)]];
    return bytesOf(resolver, call.arguments[0], env, depth);
  }
  if (name && ALLOCATORS.has(name)) return [allocatedBuffer(resolver, call, env, depth)];
  return [[{ kind: "opaque", why: `\`${shortText(call.expression)}()\``, node: call }]];
}

/**
 * `Buffer.from(text, encoding)` of a clock written as text: hex digits decoded as "hex" are a big-endian
 * integer as wide as the digits (`toString(16).padStart(16, "0")` makes 8 bytes); anything else is characters.
 */
function textTimestamp(resolver: Resolver, text: ClockText, encoding: string | undefined, call: TS.CallExpression, env: Env | undefined): Segment {
  if (text.radix === 16 && encoding?.toLowerCase() === "hex") {
    const unit = readTime(resolver, text.value, env).unit;
    // Unpadded, the seconds of this century are 8 hex digits: 4 bytes.
    const width = text.padTo !== undefined ? Math.floor(text.padTo / 2) : 4;
    return { kind: "timestamp", width, endian: "BE", unit, how: text.how, node: call };
  }
  return { kind: "text-time", how: text.how, node: call };
}

/** Hex-text makers of random bytes: CryptoJS word arrays printed as hex, jsrsasign's random hex. */
const RANDOM_HEX = /(^|\.)KJUR\.crypto\.Util\.getRandomHexOfNbytes$/;
const HEX_PARSERS = new Set(["CryptoJS.enc.Hex.parse", "crypto-js.enc.Hex.parse", "jsrsasign.hextoArrayBuffer", "hextoArrayBuffer"]);

/**
 * The bytes a hex string stands for, as Postman scripts build them: `nowHex + randomHex`, with the time from
 * `toString(16).padStart(16, "0")` and the random part from CryptoJS or jsrsasign.
 */
export function bytesOfHexText(resolver: Resolver, expr: TS.Expression, env?: Env, depth = 0): ByteSequence[] {
  const ts = tsApi();
  const out: ByteSequence[] = [];
  for (const def of resolver.leaves(expr, env, depth)) {
    if (def.kind !== "expr") {
      out.push(...bytesOfDef(resolver, def, depth + 1));
      continue;
    }
    const node = def.node;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = bytesOfHexText(resolver, node.left, def.env, depth + 1);
      const right = bytesOfHexText(resolver, node.right, def.env, depth + 1);
      out.push(...left.flatMap((l) => right.map((r) => [...l, ...r].slice(0, MAX_SEGMENTS))).slice(0, MAX_ALTERNATIVES));
      continue;
    }
    if (ts.isStringLiteralLike(node)) {
      out.push([{ kind: "constant", node }]);
      continue;
    }
    const text = clockText(resolver, node, def.env);
    if (text) {
      out.push([textTimestamp(resolver, text, text.radix === 16 ? "hex" : undefined, node as TS.CallExpression, def.env)]);
      continue;
    }
    out.push([randomHex(resolver, node, def.env) ?? { kind: "opaque", why: `\`${shortText(node)}\``, node }]);
  }
  return out.slice(0, MAX_ALTERNATIVES);
}

/** `CryptoJS.lib.WordArray.random(n).toString()` (hex by default) or jsrsasign's `getRandomHexOfNbytes(n)`. */
function randomHex(resolver: Resolver, node: TS.Expression, env: Env | undefined): Segment | undefined {
  const ts = tsApi();
  if (!ts.isCallExpression(node)) return undefined;
  const name = qualifiedName(node.expression) ?? "";
  const size = (arg: TS.Expression | undefined): number | undefined => (arg ? numericValue(resolver, arg, env) : undefined);
  if (RANDOM_HEX.test(name)) return { kind: "random", length: size(node.arguments[0]), node };
  const access = memberAccess(node.expression);
  if (access?.name !== "toString") return undefined;
  const inner = peel(access.object);
  const words = ts.isCallExpression(inner) ? inner : resolver.leaves(inner, env).map((d) => (d.kind === "expr" ? d.node : undefined)).find((n) => n && ts.isCallExpression(n));
  if (words && ts.isCallExpression(words) && RANDOM_SOURCES.has(qualifiedName(words.expression) ?? "")) {
    return { kind: "random", length: size(words.arguments[0]), node: words };
  }
  return undefined;
}

/** Buffer.concat([a, b, …]): each element's bytes, one after the other. */
function concatenation(resolver: Resolver, list: TS.Expression, env: Env | undefined, depth: number): ByteSequence[] {
  const ts = tsApi();
  const arrays = resolver
    .leaves(list, env, depth)
    .flatMap((d) => (d.kind === "expr" && ts.isArrayLiteralExpression(d.node) ? [{ node: d.node, env: d.env }] : []));
  if (!arrays.length) return [[{ kind: "opaque", why: "a list of buffers built elsewhere", node: list }]];
  const out: ByteSequence[] = [];
  for (const array of arrays) {
    let acc: ByteSequence[] = [[]];
    for (const element of array.node.elements) {
      const parts = ts.isSpreadElement(element)
        ? [[{ kind: "opaque" as const, why: "a spread list of buffers", node: element }]]
        : bytesOf(resolver, element, array.env, depth + 1);
      acc = acc.flatMap((prefix) => parts.map((p) => [...prefix, ...p].slice(0, MAX_SEGMENTS))).slice(0, MAX_ALTERNATIVES);
    }
    out.push(...acc);
  }
  return out;
}

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

function isAllocation(node: TS.Expression): node is TS.CallExpression | TS.NewExpression {
  const ts = tsApi();
  if (ts.isCallExpression(node)) return ALLOCATORS.has(qualifiedName(node.expression) ?? "");
  return ts.isNewExpression(node) && TYPED_ALLOCATORS.has(qualifiedName(node.expression) ?? "");
}

function allocationSize(resolver: Resolver, node: TS.CallExpression | TS.NewExpression, env: Env | undefined): number | undefined {
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
function allocatedBuffer(resolver: Resolver, allocation: TS.CallExpression | TS.NewExpression, env: Env | undefined, depth: number): ByteSequence {
  return bufferLayout(resolver, allocation, allocationSize(resolver, allocation, env), "zeros", env, depth);
}

/**
 * A new buffer (zero-filled or random) as the writes into the variable that holds it lay it out; the bytes
 * nothing writes keep what the buffer was made with.
 */
function bufferLayout(
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

/** A construct as a reader would recognise it in a message: its source, shortened. */
export function shortText(node: TS.Node): string {
  // Redacted before it is cut, so a cut-off secret cannot slip past the patterns.
  const text = redact(node.getText()).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Library calls that turn bytes (or a hex string, for jsrsasign's hextob64) into base64. */
const BASE64_ENCODERS = /^(node-forge\.util\.encode64|CryptoJS\.enc\.Base64\.stringify|crypto-js\.enc\.Base64\.stringify|(jsrsasign\.)?hextob64|btoa)$/;

/**
 * The buffer a base64 value is made from: `x.toString("base64")` and `Buffer.from(x).toString("base64")` give
 * x; anything else is returned unchanged (literals, environment variables) for the caller to judge.
 */
export function base64Source(expr: TS.Expression): { buffer: TS.Expression; encoding?: string; hexInput?: boolean } | undefined {
  const ts = tsApi();
  const e = peel(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const encoder = qualifiedName(e.expression);
  if (encoder && BASE64_ENCODERS.test(encoder) && e.arguments[0]) {
    return { buffer: e.arguments[0], encoding: "base64", hexInput: /hextob64$/.test(encoder) };
  }
  const access = memberAccess(e.expression);
  if (!access || access.name !== "toString") return undefined;
  return { buffer: access.object, encoding: literalArgument(e, 0) };
}
