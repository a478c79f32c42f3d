// JSON Schemas written in code and given to ajv (`ajv.compile({...})`, `ajv.validate(schema, data)`,
// Postman's `pm.response.to.have.jsonSchema(schema)`): judged as schema files are, by evaluation.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { peel, propertyNameText, qualifiedName } from "../ast.js";
import { judgeSchemaDocument } from "../json-schema.js";
import type { Resolver } from "../values.js";
import { literalDocument } from "./literal-data.js";
import type { TokenValidatorFault } from "./model.js";

/** The faults of the literal schema a call validates with; `seen` keeps one schema from being judged twice. */
export function literalSchemaFaults(resolver: Resolver, node: TS.CallExpression, seen: Set<TS.Node>): TokenValidatorFault[] {
  const faults: TokenValidatorFault[] = [];
  const schemaArgument = jsonSchemaArgument(resolver, node);
  if (!schemaArgument) return faults;
  for (const def of resolver.leaves(schemaArgument)) {
    // A schema file loaded here is judged as a file, once, where its keywords are written.
    if (def.kind !== "expr" || seen.has(def.node) || /\.json$/i.test(def.node.getSourceFile().fileName)) continue;
    seen.add(def.node);
    const doc = literalDocument(resolver, def.node, def.env);
    if (!doc) continue;
    // A schema typed JSONSchemaType<T> must match T: a field added to the schema alone would not compile,
    // so the fix is offered as a suggestion (add the optional fields to T as well).
    const typed = /\bJSONSchemaType\b/.test(def.node.getSourceFile().text);
    for (const fault of judgeSchemaDocument(doc, { rootIsSchema: true }).faults) {
      if (typed && fault.fix) faults.push({ ...fault, fix: undefined, suggestions: [{ ...fault.fix, description: `${fault.fix.description} (and to the type given to JSONSchemaType, with nullable: true)` }, ...(fault.suggestions ?? [])] });
      else faults.push(fault);
    }
  }
  return faults;
}

/**
 * The JSON Schema a call validates with: `ajv.compile(schema)`, `ajv.validate(schema, data)`,
 * `ajv.addSchema(schema)` on an Ajv instance (not one made with removeAdditional, which strips), and Postman's
 * `pm.response.to.have.jsonSchema(schema)`.
 */
function jsonSchemaArgument(resolver: Resolver, call: TS.CallExpression): TS.Expression | undefined {
  const ts = tsApi();
  const callee = peel(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !call.arguments[0]) return undefined;
  const method = callee.name.text;
  if (method === "jsonSchema" && /\.to\.have$/.test(callee.expression.getText())) return call.arguments[0];
  if (!["compile", "validate", "addSchema", "compileAsync"].includes(method)) return undefined;
  const isAjv = resolver.leaves(callee.expression).some((def) => {
    if (def.kind !== "expr" || !ts.isNewExpression(def.node)) return false;
    const name = qualifiedName(def.node.expression) ?? (ts.isIdentifier(def.node.expression) ? def.node.expression.text : "");
    if (!/^(ajv(\/dist\/[\w-]+(\.js)?)?|ajv-draft-04|Ajv\w*)(\.default|\.Ajv\w*)?$/.test(name)) return false;
    // Options written inline or held by a constant; removeAdditional strips instead of rejecting.
    const options = def.node.arguments?.[0];
    const objects = options ? resolver.leaves(options, def.env).flatMap((d) => (d.kind === "expr" && ts.isObjectLiteralExpression(d.node) ? [d.node] : [])) : [];
    return !objects.some((o) => o.properties.some((p) => propertyNameText(p.name) === "removeAdditional" && !(ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.FalseKeyword)));
  });
  return isAjv ? call.arguments[0] : undefined;
}
