// "Which clock unit does this number carry?" Date.now() is milliseconds; dividing by 1000 (and truncating)
// makes seconds. The v2 prefix must hold seconds.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { memberAccess, peel, qualifiedName } from "./ast.js";
import type { Env, Resolver } from "./values.js";

/** `constant`: a fixed number, not a clock reading; `unknown`: a value the analysis cannot place. */
export type TimeUnit = "seconds" | "milliseconds" | "constant" | "unknown";

const TRUNCATIONS = new Set(["Math.floor", "Math.round", "Math.trunc", "Math.ceil", "BigInt", "Number", "parseInt", "Math.abs"]);
// Operators that keep the magnitude of their left side when the right side is a mask or a shift by zero.
const KEEPING_OPERATORS = new Set(["|", ">>>", ">>", "&", "%", "<<"]);

export function timeUnitOf(resolver: Resolver, expr: TS.Expression, env?: Env, depth = 0): TimeUnit {
  const units = resolver.leaves(expr, env, depth).map((def) => (def.kind === "expr" ? unitOfLeaf(resolver, def.node, def.env, depth + 1) : "unknown"));
  if (units.includes("milliseconds")) return "milliseconds";
  // `let seconds = 0; seconds = Math.floor(Date.now() / 1000)`: the constant is a placeholder, not a reading.
  if (units.includes("seconds") && units.every((u) => u === "seconds" || u === "constant")) return "seconds";
  if (units.length && units.every((u) => u === "constant")) return "constant";
  return "unknown";
}

function unitOfLeaf(resolver: Resolver, node: TS.Expression, env: Env | undefined, depth: number): TimeUnit {
  const ts = tsApi();
  if (depth > 30) return "unknown";
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return "constant";
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = peel(node.operand);
    if (node.operator === ts.SyntaxKind.PlusToken && isNewDate(operand)) return "milliseconds";
    if (node.operator === ts.SyntaxKind.TildeToken && ts.isPrefixUnaryExpression(operand)) return timeUnitOf(resolver, operand.operand, env, depth);
    return "unknown";
  }
  if (ts.isCallExpression(node)) {
    const name = qualifiedName(node.expression);
    if (name === "Date.now") return "milliseconds";
    const access = memberAccess(node.expression);
    if (access && (access.name === "getTime" || access.name === "valueOf") && isNewDate(peel(access.object))) return "milliseconds";
    if (name && TRUNCATIONS.has(name) && node.arguments[0]) return timeUnitOf(resolver, node.arguments[0], env, depth);
    return "unknown";
  }
  if (ts.isBinaryExpression(node)) return unitOfArithmetic(resolver, node, env, depth);
  return "unknown";
}

function unitOfArithmetic(resolver: Resolver, node: TS.BinaryExpression, env: Env | undefined, depth: number): TimeUnit {
  const ts = tsApi();
  const op = node.operatorToken.getText();
  const left = timeUnitOf(resolver, node.left, env, depth);
  const rightNumber = numericValue(resolver, node.right, env);
  if (op === "/") {
    if (rightNumber === 1000 && left === "milliseconds") return "seconds";
    return left === "constant" && rightNumber !== undefined ? "constant" : "unknown";
  }
  if (op === "*") {
    if (rightNumber === 1000 && left === "seconds") return "milliseconds";
    return "unknown";
  }
  if (KEEPING_OPERATORS.has(op) && rightNumber !== undefined) return left;
  if (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.MinusToken) {
    // A clock plus or minus an offset keeps the clock's unit.
    const right = timeUnitOf(resolver, node.right, env, depth);
    if (left === "constant") return right;
    if (right === "constant") return left;
    return left === right ? left : "unknown";
  }
  return "unknown";
}

/** A number (or bigint) literal, directly or through a constant: `1000`, `1e3`, `1000n`, `2 ** 32`. */
export function numericValue(resolver: Resolver, expr: TS.Expression, env?: Env): number | undefined {
  const ts = tsApi();
  const defs = resolver.leaves(expr, env);
  if (defs.length !== 1 || defs[0].kind !== "expr") return undefined;
  const node = defs[0].node;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isBigIntLiteral(node)) return Number(node.text.replace(/n$/, ""));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken) {
    const base = numericValue(resolver, node.left, defs[0].env);
    const exp = numericValue(resolver, node.right, defs[0].env);
    return base !== undefined && exp !== undefined ? base ** exp : undefined;
  }
  return undefined;
}

function isNewDate(node: TS.Expression): boolean {
  const ts = tsApi();
  return ts.isNewExpression(node) && qualifiedName(node.expression) === "Date" && !node.arguments?.length;
}
