// Options given where a schema is used, not where it is built: `schema.validate(x, { allowUnknown: true })`,
// `Joi.attempt(x, schema, opts)`, yup's `{ strict: true }`, effect's `decodeUnknownSync(S, { onExcessProperty })`.
// They belong to the schema they are passed with (and to the schemas nested in it), never to the whole file.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { peel, qualifiedNameEndingIn, walk } from "../ast.js";
import type { Resolver } from "../values.js";
import type { CodeUnit } from "../workspace.js";

/** Methods called on a schema with the options second: Joi, yup, and the like. */
const SCHEMA_METHODS = /^(validate|validateAsync|validateSync|isValid|isValidSync|cast|validateAt)$/;
/** Functions given the schema and then the options. */
const SCHEMA_FIRST_NAMES = ["decodeUnknownSync", "decodeUnknown", "decodeUnknownEither", "decodeSync", "decode", "decodeEither", "validateSync", "validate", "is", "asserts", "encodeSync"];
const SCHEMA_FIRST = new RegExp(`\\.(${SCHEMA_FIRST_NAMES.join("|")})$`);
/** The last names of the qualified names looked for below, Joi's attempt and assert included. */
const OPTION_TAKERS = new Set([...SCHEMA_FIRST_NAMES, "attempt", "assert"]);

/** For each schema definition (the expression a schema name resolves to), the options objects used with it. */
export function validateOptions(resolver: Resolver, unit: CodeUnit): Map<TS.Node, TS.ObjectLiteralExpression[]> {
  const ts = tsApi();
  const out = new Map<TS.Node, TS.ObjectLiteralExpression[]>();
  const add = (schema: TS.Expression | undefined, options: TS.Expression | undefined) => {
    if (!schema || !options) return;
    const objects = resolver.leaves(options).flatMap((d) => (d.kind === "expr" && ts.isObjectLiteralExpression(d.node) ? [d.node] : []));
    if (!objects.length) return;
    for (const def of resolver.leaves(schema)) {
      if (def.kind !== "expr") continue;
      const list = out.get(def.node) ?? [];
      list.push(...objects);
      out.set(def.node, list);
    }
  };
  const nameOf = (callee: TS.Expression) => qualifiedNameEndingIn(callee, OPTION_TAKERS) ?? "";
  walk(unit.sf, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = peel(node.expression);
    const name = nameOf(callee);
    if (/^(joi|@hapi\/joi|Joi)\.(attempt|assert)$/.test(name)) return add(node.arguments[1], node.arguments[2]);
    if (SCHEMA_FIRST.test(name)) return add(node.arguments[0], node.arguments[1]);
    // effect's curried form: Schema.decodeUnknownSync(S)(input, options)
    if (ts.isCallExpression(callee) && SCHEMA_FIRST.test(nameOf(callee.expression))) return add(callee.arguments[0], node.arguments[1]);
    if (ts.isPropertyAccessExpression(callee) && SCHEMA_METHODS.test(callee.name.text)) add(callee.expression, node.arguments[1]);
  });
  return out;
}
