// Validators of the token response written in code: library object schemas, TypeScript types, and options
// that change what a schema does at validate time. Finds which describe tokenInfo (by the keys they declare,
// or as the tokenInfo of a response schema) and reduces them to the faults the rules report.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { spanOfNode } from "../spans.js";
import { memberAccess, peel, propertyNameText, qualifiedNameEndingIn, stringLiteralText, walk } from "../ast.js";
import { isResponseShaped, isTokenInfoShaped, NEW_TOKEN_FIELDS } from "../token-response.js";
import type { Resolver } from "../values.js";
import type { CodeUnit } from "../workspace.js";
import { chainOf } from "./chains.js";
import type { TokenValidatorFault } from "./model.js";
import { builderOf, OBJECT_BUILDERS, SCHEMA_KEEPERS, SCHEMA_MODIFIERS, hasTrueOption, type ObjectSchema, ObjectSchemas, requiresPresence } from "./object-schemas.js";
import { validateOptions } from "./validate-options.js";
import { acceptUnknownKeys, declareNewFields, makeOptional } from "./fixes.js";
import { insertAt } from "../../fix/code-edits.js";
import { literalSchemaFaults } from "./ajv-literals.js";
import { classValidatorFaults } from "./class-validator.js";
import { keyListFaults } from "./key-lists.js";

/**
 * `liveResponse`: the unit runs against real responses even if it looks like a test (a Postman test script),
 * so its exact-key assertions count.
 */
export function codeValidatorFaults(resolver: Resolver, unit: CodeUnit, liveResponse = false): TokenValidatorFault[] {
  const ts = tsApi();
  const schemas = new ObjectSchemas(resolver);
  const options = validateOptions(resolver, unit);
  const tokenInfos = new Map<TS.Node, ObjectSchema>();
  // The response schemas a tokenInfo schema sits in: options given when validating them reach it too.
  const containers = new Map<ObjectSchema, ObjectSchema[]>();
  const faults: TokenValidatorFault[] = [];
  const literalSchemas = new Set<TS.Node>();
  walk(unit.sf, (node) => {
    if (ts.isCallExpression(node)) faults.push(...literalSchemaFaults(resolver, node, literalSchemas));
    // A schema of any shape applied to the tokenInfo of a response: `schema.parse(body.tokenInfo)`.
    if (ts.isCallExpression(node)) {
      for (const schemaExpr of schemasAppliedToTokenInfo(node)) {
        const applied = schemas.of(schemaExpr);
        if (applied && !isResponseShaped(applied.keys.keys())) tokenInfos.set(applied.policyNode, applied);
      }
    }
    const schema = ts.isCallExpression(node) && isOutermostCall(node) && isSchemaChain(node) ? schemas.of(node) : undefined;
    if (schema) {
      const keys = [...schema.keys.keys()];
      if (isResponseShaped(keys)) {
        const value = schema.keys.get("tokenInfo")?.value;
        const inner = value && schemas.of(value);
        if (inner) {
          const known = tokenInfos.get(inner.policyNode) ?? inner;
          tokenInfos.set(inner.policyNode, known);
          containers.set(known, [...(containers.get(known) ?? []), schema]);
        }
      } else if (isTokenInfoShaped(keys)) tokenInfos.set(schema.policyNode, schema);
    } else if (ts.isCallExpression(node) && isTypiaExact(node.expression)) {
      const keys = typeArgumentKeys(unit, node);
      if (keys && isTokenInfoShaped(keys) && !keys.includes("refreshToken")) {
        const span = spanOfNode(resolver.workspace, node.expression);
        if (span) faults.push({ kind: "rejects-unknown", span, construct: `\`${node.expression.getText()}\` (typia's exact check)`, rejected: NEW_TOKEN_FIELDS.filter((f) => !keys.includes(f)) });
      }
    } else if ((ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) && declaresTokenInfo(node) && !insidePartial(node)) {
      const member = node.members.find((m) => ts.isPropertySignature(m) && propertyNameText(m.name) === "refreshToken");
      if (member && ts.isPropertySignature(member) && !member.questionToken) {
        const span = spanOfNode(resolver.workspace, member);
        const mark = insertAt(resolver.workspace, member.name, "after", "?");
        const fix = mark && { description: "Declare refreshToken optional (refreshToken?)", edits: [mark] };
        if (span) faults.push({ kind: "requires-refresh-token", span, construct: "the type", typeOnly: true, fix });
      }
    }
  });
  for (const schema of tokenInfos.values()) {
    const used = [schema, ...(containers.get(schema) ?? [])].flatMap((s) => options.get(peel(s.origin)) ?? []);
    faults.push(...judgeTokenInfo(resolver, schema, used));
  }
  faults.push(...classValidatorFaults(resolver, unit), ...keyListFaults(resolver, unit, liveResponse));
  return faults;
}

/** `used`: the options objects given where this schema (or a response schema around it) is validated. */
function judgeTokenInfo(resolver: Resolver, schema: ObjectSchema, used: TS.ObjectLiteralExpression[]): TokenValidatorFault[] {
  const faults: TokenValidatorFault[] = [];
  let { unknownKeys, policyNode, construct } = schema;
  const relaxed = used.some((o) => hasTrueOption(o, ["allowUnknown", "stripUnknown"]));
  if (schema.library === "joi" && unknownKeys === "reject" && !schema.explicit && relaxed) unknownKeys = "allow";
  const excessError = used.find((o) => o.properties.some((p) => propertyNameText(p.name) === "onExcessProperty" && tsApi().isPropertyAssignment(p) && stringLiteralText(p.initializer) === "error"));
  if (schema.library === "effect" && excessError) {
    unknownKeys = "reject";
    policyNode = excessError;
    construct = 'effect `onExcessProperty: "error"`';
  }
  if (schema.library === "yup" && schema.noUnknown && unknownKeys !== "reject" && (schema.strict || used.some((o) => hasTrueOption(o, ["strict"])))) {
    unknownKeys = "reject";
    policyNode = schema.noUnknown;
    construct = "`.noUnknown()` in strict mode";
  }
  const workspace = resolver.workspace;
  if (unknownKeys === "reject" && !schema.keys.has("refreshToken")) {
    const span = spanOfNode(workspace, policyNode);
    const rejected = NEW_TOKEN_FIELDS.filter((f) => !schema.keys.has(f));
    // Options given at validate time are not the schema's own: only declaring the fields fixes it safely.
    const fix = declareNewFields(workspace, schema, rejected);
    const relax = policyNode === schema.policyNode ? acceptUnknownKeys(workspace, schema, policyNode) : undefined;
    if (span) faults.push({ kind: "rejects-unknown", span, construct, rejected, fix, suggestions: relax && [relax] });
  }
  const refreshToken = schema.keys.get("refreshToken");
  if (refreshToken) {
    const presence = schema.library === "joi" ? (used.find(requiresPresence) ?? schema.presence) : undefined;
    if (presence && refreshToken.value && !isJoiOptional(refreshToken.value)) {
      const span = spanOfNode(workspace, presence);
      const fix = makeOptional(workspace, schema, refreshToken);
      if (span) faults.push({ kind: "requires-refresh-token", span, construct: 'Joi `presence: "required"`', fix });
    } else if (refreshToken.required) {
      const span = spanOfNode(workspace, refreshToken.node);
      if (span) faults.push({ kind: "requires-refresh-token", span, construct: libraryName(schema), fix: makeOptional(workspace, schema, refreshToken) });
    }
  }
  return faults;
}

function libraryName(schema: ObjectSchema): string {
  const names: Record<ObjectSchema["library"], string> = {
    zod: "zod",
    joi: "Joi",
    yup: "yup",
    superstruct: "superstruct",
    valibot: "valibot",
    typebox: "TypeBox",
    runtypes: "runtypes",
    arktype: "arktype",
    effect: "effect",
  };
  return `the ${names[schema.library]} schema`;
}

function isJoiOptional(value: TS.Expression): boolean {
  return chainOf(value).modifiers.some((m) => m.name === "optional" || m.name === "allow" || m.name === "default");
}

/** A call that is not itself the object of a longer chain (`z.object(…)` inside `z.object(…).strict()`). */
function isOutermostCall(call: TS.CallExpression): boolean {
  const ts = tsApi();
  let parent = call.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return !(parent && ts.isPropertyAccessExpression(parent) && parent.parent && ts.isCallExpression(parent.parent) && parent.parent.expression === parent);
}

/**
 * Cheap test before a schema is built: the chain's base is a library builder, or another name with a method
 * that schemas have. Resolving every `obj.method()` of a parser or a lint rule (files that name tokenInfo for
 * other reasons) would parse the modules it imports, for nothing.
 */
function isSchemaChain(call: TS.CallExpression): boolean {
  const ts = tsApi();
  if (!mayBeSchemaChain(call)) return false;
  const { base, modifiers } = chainOf(call);
  if (ts.isCallExpression(base)) return !!builderOf(base.expression);
  return modifiers.length > 0;
}

/**
 * The same test read from the names alone, before any name is resolved: a method that changes a schema, or
 * a call of an object builder (by its name, or by a plain identifier, which may be an imported alias).
 */
function mayBeSchemaChain(call: TS.CallExpression): boolean {
  const ts = tsApi();
  let e: TS.Expression = call;
  for (let guard = 0; guard < 200 && ts.isCallExpression(e); guard++) {
    const callee = peel(e.expression);
    // `z.object(…)` and `z["strictObject"](…)` alike.
    const access = memberAccess(callee);
    if (!access) return ts.isIdentifier(callee);
    if (SCHEMA_MODIFIERS.has(access.name) || SCHEMA_KEEPERS.has(access.name) || OBJECT_BUILDERS.has(access.name)) return true;
    e = peel(access.object);
  }
  return false;
}

const VALIDATE_METHODS = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|validateAsync|isValid|isValidSync|cast|assert|is|create|mask|check|decode|decodeUnknownSync|Check|Parse)$/;

/**
 * The schemas a call validates `….tokenInfo` with: `schema.parse(x.tokenInfo)` and the function forms
 * (`Joi.attempt(x, schema)`, superstruct `assert(x, schema)`, valibot `parse(schema, x)`, TypeBox `Value.Check`).
 */
function schemasAppliedToTokenInfo(call: TS.CallExpression): TS.Expression[] {
  const ts = tsApi();
  const callee = peel(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  if (!VALIDATE_METHODS.test(method) && method !== "attempt") return [];
  const isTokenInfo = (e: TS.Expression | undefined) => !!e && /(^|[.?])tokenInfo$/.test(peel(e).getText());
  if (ts.isPropertyAccessExpression(callee) && isTokenInfo(call.arguments[0]) && !(ts.isIdentifier(callee.expression) && /^(Joi|joi|Value|v|s)$/.test(callee.expression.text))) {
    return [callee.expression];
  }
  const [first, second] = call.arguments;
  if (isTokenInfo(first) && second) return [second];
  if (isTokenInfo(second) && first) return [first];
  return [];
}

/** typia's checks that reject properties the type does not declare. */
const TYPIA_EXACT_NAMES = new Set(["assertEquals", "equals", "validateEquals", "assertGuardEquals", "createAssertEquals", "createEquals", "createValidateEquals"]);
const TYPIA_EXACT = new RegExp(`^typia\\.(${[...TYPIA_EXACT_NAMES].join("|")})$`);

function isTypiaExact(callee: TS.Expression): boolean {
  return TYPIA_EXACT.test(qualifiedNameEndingIn(callee, TYPIA_EXACT_NAMES) ?? "");
}

/** The property names of a call's type argument: an inline type, or an interface/alias declared in the file. */
function typeArgumentKeys(unit: CodeUnit, call: TS.CallExpression): string[] | undefined {
  const ts = tsApi();
  const arg = call.typeArguments?.[0];
  if (!arg) return undefined;
  const members = (node: TS.Node | undefined): string[] | undefined =>
    node && (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node))
      ? node.members.map((m) => (m.name ? propertyNameText(m.name) : undefined)).filter((n): n is string => !!n)
      : undefined;
  if (ts.isTypeLiteralNode(arg)) return members(arg);
  if (!ts.isTypeReferenceNode(arg) || !ts.isIdentifier(arg.typeName)) return undefined;
  const name = arg.typeName.text;
  for (const statement of unit.sf.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) return members(statement);
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) return members(statement.type);
  }
  return undefined;
}

/** A type for tokenInfo: its shape, and `tokenValue` (a type is the weakest evidence, so it must name it). */
function declaresTokenInfo(node: TS.InterfaceDeclaration | TS.TypeLiteralNode): boolean {
  const names = node.members.map((m) => (m.name ? propertyNameText(m.name) : undefined)).filter((n): n is string => !!n);
  return names.includes("tokenValue") && isTokenInfoShaped(names);
}

/** `Partial<{ … }>` makes every member optional. */
function insidePartial(node: TS.Node): boolean {
  const ts = tsApi();
  const parent = node.parent;
  return !!parent && ts.isTypeReferenceNode(parent) && /^(Partial|DeepPartial)$/.test(parent.typeName.getText());
}
