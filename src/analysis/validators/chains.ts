// Schema builders are method chains: `z.object({...}).strict().describe("x")`. A chain is read as its base
// (the call that makes the schema, or a schema it extends) and the modifiers applied after it, in order.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { declarationOf, peel, qualifiedName } from "../ast.js";

export interface Modifier {
  name: string;
  call: TS.CallExpression;
  /** The `.name` part, where a finding about this modifier is anchored. */
  nameNode: TS.Node;
}

export interface Chain {
  /** The innermost expression: a builder call (`z.object(…)`), or an identifier naming another schema. */
  base: TS.Expression;
  /** Applied to the base, first to last. */
  modifiers: Modifier[];
}

export function chainOf(expr: TS.Expression): Chain {
  const ts = tsApi();
  const modifiers: Modifier[] = [];
  let e = peel(expr);
  for (let guard = 0; guard < 200; guard++) {
    if (!ts.isCallExpression(e)) break;
    const callee = peel(e.expression);
    if (!ts.isPropertyAccessExpression(callee)) break;
    const object = peel(callee.expression);
    // `z.object(…)`: the callee's object is the library, so this call is the base, not a modifier.
    if (!ts.isCallExpression(object) && !isSchemaName(object)) break;
    modifiers.unshift({ name: callee.name.text, call: e, nameNode: callee.name });
    e = object;
  }
  return { base: e, modifiers };
}

/**
 * An identifier or property that may name a schema (`tokenInfoSchema.strict()`), as opposed to a library
 * namespace (`z`, `Joi`, `yup`) or an instance of one (`const custom = Joi.defaults(…)`).
 */
function isSchemaName(expr: TS.Expression): boolean {
  const ts = tsApi();
  const name = ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : undefined;
  if (!name) return false;
  const qn = qualifiedName(expr);
  if (qn !== undefined && LIBRARY_MODULES.test(qn)) return false;
  // A name declared in the code (`const t = z.object(…)`) is a schema, whatever it is called; an undeclared
  // global named like a library (`Joi` from a script tag) is the library.
  if (ts.isIdentifier(expr) && declarationOf(expr)) return true;
  return !LIBRARY_NAMESPACES.has(name);
}

/** Qualified names that stand for a validation library (or an instance of one), not for a schema. */
const LIBRARY_MODULES = /^(zod|joi|@hapi\/joi|yup|valibot|superstruct|@sinclair\/typebox|typebox|runtypes|arktype|effect|@effect\/schema|typia|io-ts|class-validator|ajv)(\/[\w/-]+)?(\.(z|Type|Schema))?$/;

const LIBRARY_NAMESPACES = new Set(["z", "zod", "Joi", "joi", "yup", "Yup", "v", "valibot", "Type", "t", "s", "superstruct", "S", "Schema", "rt", "typia", "arktype"]);

/** The first argument when it is an object literal (the keys of `z.object({...})`). */
export function objectArgument(call: TS.CallExpression | undefined, index = 0): TS.ObjectLiteralExpression | undefined {
  const ts = tsApi();
  const arg = call?.arguments[index];
  const e = arg && peel(arg);
  return e && ts.isObjectLiteralExpression(e) ? e : undefined;
}
