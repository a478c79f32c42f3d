// "Which clock unit does this number carry?" Date.now() is milliseconds; dividing by 1000 makes (fractional)
// seconds, and truncating makes whole seconds. The v2 prefix must hold whole seconds.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { memberAccess, peel, qualifiedName } from "./ast.js";
import type { Env, Resolver } from "./values.js";

/**
 * `fractional`: seconds with a fraction (`Date.now() / 1000`), which integer writes truncate but BigInt()
 * rejects; `throws`: BigInt() of such a fraction, a RangeError at run time; `constant`: a fixed number, not a
 * clock reading; `unknown`: a value the analysis cannot place.
 */
export type TimeUnit = "seconds" | "fractional" | "milliseconds" | "throws" | "constant" | "unknown";

export interface TimeReading {
  unit: TimeUnit;
  /** Where the clock is read (Date.now(), new Date()), to show when it is far from the write. */
  clock?: TS.Node;
}

const TRUNCATIONS = new Set(["Math.floor", "Math.round", "Math.trunc", "Math.ceil", "parseInt"]);
const KEEPING = new Set(["Number", "Math.abs"]);
// Bitwise operators truncate their left side to an integer.
const TRUNCATING_OPERATORS = new Set(["|", ">>>", ">>", "&", "<<"]);

export function readTime(resolver: Resolver, expr: TS.Expression, env?: Env): TimeReading {
  return resolver.memo<TimeReading>("time").get(peel(expr), env, { unit: "unknown" }, () => {
    const witness: { clock?: TS.Node } = {};
    return { unit: unitOf(resolver, expr, env, 0, witness), clock: witness.clock };
  });
}

function unitOf(resolver: Resolver, expr: TS.Expression, env: Env | undefined, depth: number, witness: { clock?: TS.Node }): TimeUnit {
  resolver.step();
  const units = resolver.leaves(expr, env, depth).map((def) => (def.kind === "expr" ? unitOfLeaf(resolver, def.node, def.env, depth + 1, witness) : "unknown"));
  for (const fault of ["throws", "milliseconds"] as const) if (units.includes(fault)) return fault;
  // `let seconds = 0; seconds = Math.floor(Date.now() / 1000)`: the constant is a placeholder, not a reading.
  const readings = units.filter((u) => u !== "constant");
  if (!units.length || readings.some((u) => u === "unknown")) return "unknown";
  if (!readings.length) return "constant";
  return readings.every((u) => u === "fractional") ? "fractional" : "seconds";
}

function unitOfLeaf(resolver: Resolver, node: TS.Expression, env: Env | undefined, depth: number, witness: { clock?: TS.Node }): TimeUnit {
  const ts = tsApi();
  if (depth > 30) return "unknown";
  const inner = (e: TS.Expression): TimeUnit => unitOf(resolver, e, env, depth, witness);
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return "constant";
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = peel(node.operand);
    if (node.operator === ts.SyntaxKind.PlusToken && isNewDate(operand)) return clockRead(witness, node);
    if (node.operator === ts.SyntaxKind.TildeToken && ts.isPrefixUnaryExpression(operand)) return truncated(inner(operand.operand));
    return "unknown";
  }
  if (ts.isCallExpression(node)) {
    const name = qualifiedName(node.expression);
    if (name === "Date.now") return clockRead(witness, node);
    // A clock passed around as a function: `function login(now = Date.now) { … now() … }`.
    if (!name && resolver.leaves(node.expression, env).some((d) => d.kind === "expr" && qualifiedName(d.node) === "Date.now")) return clockRead(witness, node);
    const access = memberAccess(node.expression);
    if (access && (access.name === "getTime" || access.name === "valueOf") && isNewDate(peel(access.object))) return clockRead(witness, node);
    const arg = node.arguments[0];
    if (!name || !arg) return "unknown";
    if (TRUNCATIONS.has(name)) return truncated(inner(arg));
    if (KEEPING.has(name)) return inner(arg);
    if (name === "BigInt") {
      const unit = inner(arg);
      return unit === "fractional" ? "throws" : unit;
    }
    return "unknown";
  }
  if (ts.isBinaryExpression(node)) return unitOfArithmetic(resolver, node, env, depth, witness);
  return "unknown";
}

function unitOfArithmetic(resolver: Resolver, node: TS.BinaryExpression, env: Env | undefined, depth: number, witness: { clock?: TS.Node }): TimeUnit {
  const ts = tsApi();
  const op = node.operatorToken.getText();
  const left = unitOf(resolver, node.left, env, depth, witness);
  const rightNumber = numericValue(resolver, node.right, env);
  if (op === "/") {
    // Number division leaves a fraction; bigint division (1000n) truncates.
    if (rightNumber === 1000 && left === "milliseconds") return ts.isBigIntLiteral(peel(node.right)) || isBigIntConstant(resolver, node.right, env) ? "seconds" : "fractional";
    return left === "constant" && rightNumber !== undefined ? "constant" : "unknown";
  }
  if (op === "*") return rightNumber === 1000 && (left === "seconds" || left === "fractional") ? "milliseconds" : "unknown";
  if (TRUNCATING_OPERATORS.has(op) && rightNumber !== undefined) return truncated(left);
  if (op === "%" && rightNumber !== undefined) return left;
  // performance.timeOrigin + performance.now(): epoch milliseconds.
  if (node.operatorToken.kind === ts.SyntaxKind.PlusToken && [node.left, node.right].some((e) => qualifiedName(e) === "performance.timeOrigin")) {
    return clockRead(witness, node);
  }
  if (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.MinusToken) {
    // A clock plus or minus an offset keeps the clock's unit.
    const right = unitOf(resolver, node.right, env, depth, witness);
    if (left === "constant") return right;
    if (right === "constant") return left;
    return left === right ? left : "unknown";
  }
  return "unknown";
}

function clockRead(witness: { clock?: TS.Node }, node: TS.Node): TimeUnit {
  witness.clock ??= node;
  return "milliseconds";
}

function truncated(unit: TimeUnit): TimeUnit {
  return unit === "fractional" ? "seconds" : unit;
}

function isBigIntConstant(resolver: Resolver, expr: TS.Expression, env: Env | undefined): boolean {
  const ts = tsApi();
  const defs = resolver.leaves(expr, env);
  return defs.length === 1 && defs[0].kind === "expr" && ts.isBigIntLiteral(defs[0].node);
}

/** A number (or bigint) literal, directly or through a constant: `1000`, `1e3`, `1000n`, `2 ** 32`. */
export function numericValue(resolver: Resolver, expr: TS.Expression, env?: Env): number | undefined {
  const ts = tsApi();
  const defs = resolver.leaves(expr, env);
  if (defs.length !== 1 || defs[0].kind !== "expr") return undefined;
  const node = defs[0].node;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isBigIntLiteral(node)) return Number(node.text.replace(/n$/, ""));
  if (ts.isBinaryExpression(node)) {
    // 8 + 100, 2 ** 32, SIZE * 2: sizes and offsets are often written as sums.
    const left = numericValue(resolver, node.left, defs[0].env);
    const right = numericValue(resolver, node.right, defs[0].env);
    if (left === undefined || right === undefined) return undefined;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return left ** right;
      case ts.SyntaxKind.PlusToken:
        return left + right;
      case ts.SyntaxKind.MinusToken:
        return left - right;
      case ts.SyntaxKind.AsteriskToken:
        return left * right;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A clock written as text: `secs.toString(16).padStart(16, "0")`, `new Date().toISOString()`, `String(secs)`. */
export interface ClockText {
  radix: 16 | 10 | "date";
  padTo?: number;
  value: TS.Expression;
  how: string;
}

export function clockText(resolver: Resolver, expr: TS.Expression, env?: Env): ClockText | undefined {
  const ts = tsApi();
  const defs = resolver.leaves(expr, env);
  if (defs.length !== 1 || defs[0].kind !== "expr") return undefined;
  const node = defs[0].node;
  const isClock = (e: TS.Expression): boolean => isNewDate(peel(e)) || ["seconds", "fractional", "milliseconds"].includes(readTime(resolver, e, defs[0].kind === "expr" ? defs[0].env : undefined).unit);
  if (ts.isTemplateExpression(node) && node.templateSpans.length === 1 && !node.head.text && !node.templateSpans[0].literal.text) {
    const value = node.templateSpans[0].expression;
    return isClock(value) ? { radix: 10, value, how: "a template literal" } : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const name = qualifiedName(node.expression);
  if (name === "String" && node.arguments[0]) return isClock(node.arguments[0]) ? { radix: 10, value: node.arguments[0], how: "String()" } : undefined;
  const access = memberAccess(node.expression);
  if (!access) return undefined;
  if (access.name === "padStart") {
    const inner = clockText(resolver, access.object, env);
    const width = node.arguments[0] ? numericValue(resolver, node.arguments[0], env) : undefined;
    return inner && { ...inner, padTo: width, how: `${inner.how}.padStart(${width ?? "…"})` };
  }
  if (["toISOString", "toUTCString", "toJSON", "toLocaleString"].includes(access.name) && isNewDate(peel(access.object))) {
    return { radix: "date", value: access.object, how: `${access.name}()` };
  }
  if (access.name === "toString" && isClock(access.object)) {
    const radix = node.arguments[0] ? numericValue(resolver, node.arguments[0], env) : 10;
    return { radix: radix === 16 ? 16 : 10, value: access.object, how: `toString(${radix === 16 ? 16 : ""})` };
  }
  return undefined;
}

function isNewDate(node: TS.Expression): boolean {
  const ts = tsApi();
  return ts.isNewExpression(node) && qualifiedName(node.expression) === "Date" && !node.arguments?.length;
}
