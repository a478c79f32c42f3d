// "Which bytes does this buffer hold?" An abstract byte sequence such as
// [timestamp(8, BE, seconds), random(100)], traced from where the bytes are built. Each segment keeps the node
// that produced it, so two buffers built from the same parts compare equal.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { redact } from "../redact.js";
import { literalArgument, memberAccess, peel, qualifiedName, stringLiteralText } from "./ast.js";
import { allocatedBuffer, allocationSize, bufferLayout, isAllocation } from "./buffer-layout.js";
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
export const MAX_SEGMENTS = 64;
const RANDOM_SOURCES = new Set([
  "crypto.randomBytes",
  "crypto.pseudoRandomBytes",
  "forge.random.getBytesSync",
  "forge.random.generate",
  "CryptoJS.lib.WordArray.random",
]);
/** Calls that fill the buffer they are given with random bytes and return it. */
export const RANDOM_FILLS = new Set(["crypto.randomFillSync", "crypto.getRandomValues", "crypto.webcrypto.getRandomValues"]);
export const ALLOCATORS = new Set(["Buffer.alloc", "Buffer.allocUnsafe", "Buffer.allocUnsafeSlow"]);
export const TYPED_ALLOCATORS = new Set(["Uint8Array", "ArrayBuffer"]);
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
  // Many names lead to one construction (a thousand `update(buf)` calls): lay it out once.
  if (def.kind !== "expr") return bytesOfDefUncached(resolver, def, depth);
  const cycle: ByteSequence[] = [[{ kind: "opaque", why: "a buffer built from itself", node: def.node }]];
  return resolver.memo<ByteSequence[]>("bytes-of-def").get(def.node, def.env, cycle, () => bytesOfDefUncached(resolver, def, depth));
}

function bytesOfDefUncached(resolver: Resolver, def: Def, depth: number): ByteSequence[] {
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
const HEX_PARSERS = new Set(["CryptoJS.enc.Hex.parse", "jsrsasign.hextoArrayBuffer", "hextoArrayBuffer"]);

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
    // buffer.toString("hex"), forge.util.bytesToHex(bytes): the bytes themselves, printed.
    const printed = hexPrinted(node);
    if (printed) {
      out.push(...bytesOf(resolver, printed, def.env, depth + 1));
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

/** `buffer.toString("hex")` or `forge.util.bytesToHex(bytes)`: the bytes printed as hex. */
export function hexPrinted(node: TS.Expression): TS.Expression | undefined {
  const ts = tsApi();
  if (!ts.isCallExpression(node)) return undefined;
  if (/^forge\.util\.bytesToHex$/.test(qualifiedName(node.expression) ?? "")) return node.arguments[0];
  const access = memberAccess(node.expression);
  return access?.name === "toString" && literalArgument(node, 0) === "hex" ? access.object : undefined;
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

/** A construct as a reader would recognise it in a message: its source, shortened. */
export function shortText(node: TS.Node): string {
  // Redacted before it is cut, so a cut-off secret cannot slip past the patterns.
  const text = redact(node.getText()).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Library calls that turn bytes (or a hex string, for jsrsasign's hextob64) into base64. */
const BASE64_ENCODERS = /^(forge\.util\.encode64|CryptoJS\.enc\.Base64\.stringify|(jsrsasign\.)?hextob64|btoa)$/;

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
