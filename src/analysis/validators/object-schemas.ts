// Object schemas built in code with a validation library, reduced to what the token-response rules judge: the
// keys they declare (and which are required), and what they do with keys they do not declare. Each library
// is described by its behaviour as documented (and checked) for current versions:
//   zod         z.object strips; .strict(), z.strictObject, .catchall(z.never()) reject; last modifier wins
//   Joi         Joi.object rejects unknown keys unless .unknown(true) or allowUnknown/stripUnknown options
//   yup         passes unknown keys; .noUnknown() rejects only in strict mode; .exact() rejects
//   superstruct object() rejects, type() passes
//   valibot     object strips, strictObject and objectWithRest(…, never()) reject, looseObject passes
//   TypeBox     additionalProperties: false rejects
//   runtypes    .exact() rejects
//   arktype     "+": "reject" or .onUndeclaredKey("reject") rejects
//   effect      Schema.Struct ignores excess keys unless decoded with onExcessProperty: "error"
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { peel, propertyNameText, qualifiedName, stringLiteralText, walk } from "../ast.js";
import type { Env, Resolver } from "../values.js";
import { chainOf, type Modifier, objectArgument } from "./chains.js";

export type Library = "zod" | "joi" | "yup" | "superstruct" | "valibot" | "typebox" | "runtypes" | "arktype" | "effect";
export type UnknownKeys = "reject" | "strip" | "allow";

export interface DeclaredKey {
  value: TS.Expression | undefined;
  required: boolean;
  /** Where the key is written. */
  node: TS.Node;
}

export interface ObjectSchema {
  library: Library;
  /** The whole schema expression. */
  node: TS.Expression;
  /** The expression that defines this schema: what a name of it resolves to, where validate options attach. */
  origin: TS.Expression;
  /** Joi: where `presence: "required"` is set for this schema (`.prefs`, `Joi.defaults`). */
  presence?: TS.Node;
  /** The object literal the keys are written in, where fixes add fields. */
  keysObject?: TS.ObjectLiteralExpression;
  /** How the code names the library (`z`, `Joi`, `v`, `Type`), for fields a fix writes; unset for named imports. */
  namespace?: string;
  keys: Map<string, DeclaredKey>;
  unknownKeys: UnknownKeys;
  /** Where the current unknown-key behaviour is declared, and how to name it. */
  policyNode: TS.Node;
  construct: string;
  /** Joi: `.unknown(false)` written out, which validate options cannot relax. */
  explicit?: boolean;
  /** yup: `.noUnknown()` (rejects only in strict mode) and `.strict()` on the object. */
  noUnknown?: TS.Node;
  strict?: boolean;
}

const MAX_DEPTH = 12;
/** Methods that apply a schema to a value, in any of the libraries. */
const USE_METHODS = /^(parse|safeParse|parseAsync|safeParseAsync|spa|validate|validateSync|validateAsync|validateAt|isValid|isValidSync|cast|assert|is|check|guard|decode|encode|attempt|then)$/;

/** The library and builder a call's callee names: `z.object` → zod/object, `Joi.object` → joi/object. */
export function builderOf(callee: TS.Expression): { library: Library; name: string } | undefined {
  const qn = qualifiedName(callee);
  if (!qn) return undefined;
  const patterns: [Library, RegExp][] = [
    ["zod", /^(?:zod(?:\/[\w-]+)?(?:\.z)?|z)\.(\w+)$/],
    ["joi", /^(?:joi|@hapi\/joi|Joi)\.(\w+)$/],
    ["yup", /^(?:yup|Yup)\.(\w+)$/],
    ["superstruct", /^superstruct\.(\w+)$/],
    ["valibot", /^valibot\.(\w+)$/],
    ["typebox", /^(?:@sinclair\/typebox|typebox)?\.?Type\.(\w+)$/],
    ["runtypes", /^runtypes\.(\w+)$/],
    ["arktype", /^arktype\.(\w+)$/],
    ["effect", /^(?:effect\.Schema|@effect\/schema\/Schema|@effect\/schema\.Schema|effect\/Schema)\.(\w+)$/],
  ];
  for (const [library, pattern] of patterns) {
    const m = pattern.exec(qn);
    if (m) return { library, name: m[1] };
  }
  return undefined;
}

/** Every method name `apply` gives a meaning to, in some library. */
export const SCHEMA_MODIFIERS = new Set([
  "strict", "passthrough", "loose", "strip", "catchall", "extend", "safeExtend", "merge", "partial", "deepPartial",
  "required", "pick", "omit", "keys", "append", "pattern", "unknown", "options", "prefs", "preferences", "shape",
  "noUnknown", "exact", "onUndeclaredKey",
]);

/**
 * Methods of the libraries' schemas that leave what these rules judge as it was: descriptions, brands,
 * defaults, refinements, wrappers. A chain of them on a name may still be the only place a schema built in
 * another module is reached (`closed.describe("…")`, where `closed` is `fields.strict()` elsewhere).
 */
export const SCHEMA_KEEPERS = new Set([
  // zod (and zod-to-openapi)
  "describe", "openapi", "brand", "meta", "register", "optional", "nullable", "nullish", "default", "prefault", "catch",
  "readonly", "refine", "superRefine", "check", "transform", "pipe", "and", "or", "array", "promise", "overwrite", "keyof",
  // Joi
  "label", "description", "note", "notes", "tag", "tags", "example", "unit", "id", "forbidden", "allow", "valid",
  "invalid", "empty", "concat", "rename", "with", "without", "xor", "oxor", "nand", "when", "messages", "message",
  "error", "external", "custom", "presence", "raw", "fork", "alter", "tailor", "shared", "cache", "rule", "warn",
  "failover", "artifact", "min", "max", "length",
  // yup
  "nonNullable", "defined", "notRequired", "test", "typeError", "oneOf", "notOneOf", "camelCase", "snakeCase", "json",
  "stripUnknown", "from",
  // arktype, runtypes, effect
  "narrow", "onDeepUndeclaredKey", "configure", "to", "as", "withConstraint", "withGuard", "withBrand", "annotations",
]);

/** The builders `fromBuilder` makes an object schema of, by their last name (`z.object`, `Type.Object`). */
export const OBJECT_BUILDERS = new Set(["object", "strictObject", "looseObject", "objectWithRest", "type", "Object", "Record", "Struct"]);

export class ObjectSchemas {
  private readonly memo = new Map<TS.Node, ObjectSchema | null>();

  constructor(private readonly resolver: Resolver) {}

  /** The object schema an expression builds, if it builds one with a known library. */
  of(expr: TS.Expression, env?: Env, depth = 0): ObjectSchema | undefined {
    const e = peel(expr);
    if (this.memo.has(e)) return this.memo.get(e) ?? undefined;
    this.memo.set(e, null); // a cycle reads as no schema
    const schema = depth > MAX_DEPTH ? undefined : this.build(e, env, depth);
    this.memo.set(e, schema ?? null);
    return schema;
  }

  private build(expr: TS.Expression, env: Env | undefined, depth: number): ObjectSchema | undefined {
    const ts = tsApi();
    const { base, modifiers } = chainOf(expr);
    // `schema.validate(x)` uses a schema; its result is no schema.
    if (modifiers.some((m) => USE_METHODS.test(m.name))) return undefined;
    let schema: ObjectSchema | undefined;
    if (ts.isCallExpression(base)) schema = this.fromBuilder(base, env, depth);
    if (!schema && (ts.isIdentifier(base) || ts.isPropertyAccessExpression(base))) {
      // `base.extend({...})`: the schema another name holds, modified here.
      for (const def of this.resolver.leaves(base, env)) {
        if (def.kind !== "expr" || def.node === base) continue;
        const found = this.of(def.node, def.env, depth + 1);
        if (found) {
          schema = { ...found, keys: new Map(found.keys) };
          break;
        }
      }
    }
    if (!schema) return undefined;
    schema.node = expr;
    if (ts.isCallExpression(base) || modifiers.length) schema.origin = expr;
    for (const modifier of modifiers) this.apply(schema, modifier, env, depth);
    return schema;
  }

  private fromBuilder(call: TS.CallExpression, env: Env | undefined, depth: number): ObjectSchema | undefined {
    const builder = builderOf(call.expression);
    if (!builder) return undefined;
    const { library, name } = builder;
    const callee = peel(call.expression);
    const keysObject = this.objectOf(call.arguments[0], env);
    const make = (unknownKeys: UnknownKeys, construct: string, policyNode: TS.Node = call.expression): ObjectSchema => ({
      library,
      node: call,
      origin: call,
      keysObject,
      namespace: tsApi().isPropertyAccessExpression(callee) ? callee.expression.getText() : undefined,
      keys: this.keysOf(library, this.objectOf(call.arguments[0], env), env, depth),
      unknownKeys,
      policyNode,
      construct,
    });
    switch (library) {
      case "zod":
        if (name === "object") return make("strip", "`z.object`");
        if (name === "strictObject") return make("reject", "`z.strictObject`");
        if (name === "looseObject") return make("allow", "`z.looseObject`");
        return undefined;
      case "joi": {
        if (name !== "object") return undefined;
        const schema = make("reject", "`Joi.object()` rejects them unless `.unknown(true)`", call);
        this.applyJoiDefaults(schema, call, env);
        return schema;
      }
      case "yup":
        return name === "object" ? make("allow", "`yup.object`") : undefined;
      case "superstruct":
        if (name === "object") return make("reject", "superstruct `object()` rejects them; `type()` would not", call);
        if (name === "type") return make("allow", "superstruct `type()`");
        return undefined;
      case "valibot":
        if (name === "object") return make("strip", "valibot `object`");
        if (name === "strictObject") return make("reject", "valibot `strictObject`");
        if (name === "looseObject") return make("allow", "valibot `looseObject`");
        if (name === "objectWithRest") {
          const rest = call.arguments[1];
          const never = rest && tsApi().isCallExpression(peel(rest)) && builderOf((peel(rest) as TS.CallExpression).expression)?.name === "never";
          return never ? make("reject", "valibot `objectWithRest(…, never())`", rest) : make("allow", "valibot `objectWithRest`");
        }
        return undefined;
      case "typebox": {
        if (name !== "Object") return undefined;
        const options = objectArgument(call, 1);
        const additional = options?.properties.find((p) => propertyNameText(p.name) === "additionalProperties");
        const rejects = !!additional && tsApi().isPropertyAssignment(additional) && additional.initializer.kind === tsApi().SyntaxKind.FalseKeyword;
        return rejects ? make("reject", "TypeBox `additionalProperties: false`", additional) : make("allow", "TypeBox `Type.Object`");
      }
      case "runtypes":
        return name === "Record" || name === "Object" ? make("allow", "runtypes object") : undefined;
      case "effect":
        return name === "Struct" ? make("strip", "effect `Schema.Struct`") : undefined;
      case "arktype": {
        if (name !== "type") return undefined;
        const object = objectArgument(call);
        const plus = object?.properties.find((p) => propertyNameText(p.name) === "+");
        const rejects = !!plus && tsApi().isPropertyAssignment(plus) && stringLiteralText(plus.initializer) === "reject";
        return object ? (rejects ? make("reject", 'arktype `"+": "reject"`', plus) : make("allow", "arktype `type`")) : undefined;
      }
    }
  }

  private apply(schema: ObjectSchema, modifier: Modifier, env: Env | undefined, depth: number): void {
    const { name, call, nameNode } = modifier;
    const arg = call.arguments[0];
    const set = (unknownKeys: UnknownKeys, construct: string, node: TS.Node = nameNode) => {
      schema.unknownKeys = unknownKeys;
      schema.policyNode = node;
      schema.construct = construct;
    };
    const addKeys = (object: TS.ObjectLiteralExpression | undefined) => {
      for (const [key, declared] of this.keysOf(schema.library, object, env, depth)) schema.keys.set(key, declared);
      if (object) schema.keysObject = object;
    };
    switch (schema.library) {
      case "zod":
        if (name === "strict") set("reject", "`.strict()`");
        else if (name === "passthrough" || name === "loose") set("allow", `\`.${name}()\``);
        else if (name === "strip") set("strip", "`.strip()`");
        else if (name === "catchall") {
          const never = arg && tsApi().isCallExpression(peel(arg)) && builderOf((peel(arg) as TS.CallExpression).expression)?.name === "never";
          if (never) set("reject", "`.catchall(z.never())`");
          else set("allow", "`.catchall(…)`");
        } else if (name === "extend" || name === "safeExtend") addKeys(objectArgument(call));
        else if (name === "merge" && arg) {
          // zod 3: the merged object's keys are added and its unknown-key policy replaces this one's.
          const other = this.of(arg, env, depth + 1);
          if (other) {
            for (const [k, v] of other.keys) schema.keys.set(k, v);
            set(other.unknownKeys, other.construct, other.policyNode);
          }
        } else if (name === "partial" || name === "deepPartial") this.setRequired(schema, objectArgument(call), false);
        else if (name === "required") this.setRequired(schema, objectArgument(call), true);
        else if (name === "pick" || name === "omit") this.select(schema, objectArgument(call), name === "pick");
        return;
      case "joi":
        if (name === "keys" || name === "append") addKeys(objectArgument(call));
        // `.pattern(regex, schema)`: keys matching the regex are allowed; a catch-all lets any key in.
        else if (name === "pattern") set("allow", "`.pattern(…)`");
        else if (name === "unknown") {
          const allow = !arg || arg.kind !== tsApi().SyntaxKind.FalseKeyword;
          set(allow ? "allow" : "reject", allow ? "`.unknown(true)`" : "`.unknown(false)`");
          schema.explicit = true;
        } else if (name === "options" || name === "prefs" || name === "preferences") {
          const options = objectArgument(call);
          if (options && hasTrueOption(options, ["allowUnknown", "stripUnknown"])) set("allow", "`allowUnknown`");
          if (options && requiresPresence(options)) schema.presence = options;
        }
        return;
      case "yup":
        if (name === "shape") addKeys(objectArgument(call));
        else if (name === "noUnknown") schema.noUnknown = arg && arg.kind === tsApi().SyntaxKind.FalseKeyword ? undefined : nameNode;
        else if (name === "strict") schema.strict = !arg || arg.kind !== tsApi().SyntaxKind.FalseKeyword;
        else if (name === "exact") set("reject", "`.exact()`");
        return;
      case "runtypes":
        if (name === "exact") set("reject", "`.exact()`");
        return;
      case "arktype":
        if (name === "onUndeclaredKey" && stringLiteralText(arg) === "reject") set("reject", '`.onUndeclaredKey("reject")`');
        return;
      default:
        return;
    }
  }

  /** `const custom = Joi.defaults((s) => s.options({...}))`: a schema from `custom.object` starts with those options. */
  private applyJoiDefaults(schema: ObjectSchema, call: TS.CallExpression, env: Env | undefined): void {
    const ts = tsApi();
    const callee = peel(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    for (const def of this.resolver.leaves(callee.expression, env)) {
      if (def.kind !== "expr" || !ts.isCallExpression(def.node) || !/\.defaults$/.test(qualifiedName(def.node.expression) ?? def.node.expression.getText())) continue;
      walk(def.node, (node) => {
        if (!ts.isObjectLiteralExpression(node)) return;
        if (hasTrueOption(node, ["allowUnknown", "stripUnknown"]) && !schema.explicit) {
          schema.unknownKeys = "allow";
          schema.policyNode = node;
          schema.construct = "`Joi.defaults` with allowUnknown";
        }
        if (requiresPresence(node)) schema.presence = node;
      });
    }
  }

  /** An object literal, written here or held by a constant (`const shape = {...}; z.object(shape)`). */
  private objectOf(expr: TS.Expression | undefined, env: Env | undefined): TS.ObjectLiteralExpression | undefined {
    const ts = tsApi();
    if (!expr) return undefined;
    const e = peel(expr);
    if (ts.isObjectLiteralExpression(e)) return e;
    const def = this.resolver.leaves(e, env).find((d) => d.kind === "expr" && ts.isObjectLiteralExpression(d.node));
    return def && def.kind === "expr" ? (def.node as TS.ObjectLiteralExpression) : undefined;
  }

  private setRequired(schema: ObjectSchema, mask: TS.ObjectLiteralExpression | undefined, required: boolean): void {
    const only = mask ? new Set(mask.properties.map((p) => propertyNameText(p.name)).filter((n): n is string => !!n)) : undefined;
    for (const [key, declared] of schema.keys) if (!only || only.has(key)) schema.keys.set(key, { ...declared, required });
  }

  private select(schema: ObjectSchema, mask: TS.ObjectLiteralExpression | undefined, keep: boolean): void {
    if (!mask) return;
    const named = new Set(mask.properties.map((p) => propertyNameText(p.name)));
    for (const key of [...schema.keys.keys()]) if (named.has(key) !== keep) schema.keys.delete(key);
  }

  /** The keys an object literal of field schemas declares, with whether each is required. */
  private keysOf(library: Library, object: TS.ObjectLiteralExpression | undefined, env: Env | undefined, depth: number): Map<string, DeclaredKey> {
    const ts = tsApi();
    const keys = new Map<string, DeclaredKey>();
    if (!object) return keys;
    for (const prop of object.properties) {
      if (ts.isSpreadAssignment(prop)) {
        // `...base.shape` copies the keys and leaves the strictness behind.
        const spread = peel(prop.expression);
        const source = ts.isPropertyAccessExpression(spread) && spread.name.text === "shape" ? spread.expression : spread;
        const other = this.of(source, env, depth + 1);
        if (other) for (const [k, v] of other.keys) keys.set(k, v);
        continue;
      }
      let name = propertyNameText(prop.name);
      if (!name || name === "+") continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
      let optionalKey = false;
      if (library === "arktype" && name.endsWith("?")) {
        name = name.slice(0, -1);
        optionalKey = true;
      }
      keys.set(name, { value, node: prop, required: !optionalKey && !!value && this.isRequiredField(library, value, env) });
    }
    return keys;
  }

  /** Whether a field schema fails when the key is absent. */
  private isRequiredField(library: Library, value: TS.Expression, env: Env | undefined): boolean {
    const ts = tsApi();
    const e = this.fieldSchema(value, env);
    const { base, modifiers } = chainOf(e);
    const names = modifiers.map((m) => m.name);
    const last = (wanted: string[], against: string[]) => {
      const i = Math.max(...wanted.map((w) => names.lastIndexOf(w)));
      const j = Math.max(...against.map((w) => names.lastIndexOf(w)));
      return i > j;
    };
    const builder = ts.isCallExpression(base) ? builderOf(base.expression)?.name : undefined;
    const wrapped = ["optional", "nullish", "exactOptional", "Optional", "undefinedable"].includes(builder ?? "");
    switch (library) {
      case "zod":
        return !wrapped && !names.some((n) => ["optional", "nullish", "default", "catch", "prefault"].includes(n));
      case "joi":
        return last(["required", "exist"], ["optional", "allow", "default"]);
      case "yup":
        return last(["required", "defined"], ["optional", "notRequired", "default"]);
      case "runtypes":
        return !wrapped && !names.includes("optional");
      default:
        return !wrapped;
    }
  }

  /** A field's schema expression, through a constant that holds it (`refreshToken: tokenString`). */
  private fieldSchema(value: TS.Expression, env: Env | undefined): TS.Expression {
    const ts = tsApi();
    const e = peel(value);
    if (!ts.isIdentifier(e)) return e;
    const def = this.resolver.leaves(e, env).find((d) => d.kind === "expr");
    return def && def.kind === "expr" ? def.node : e;
  }
}

/** Joi's `presence: "required"`. */
export function requiresPresence(options: TS.ObjectLiteralExpression): boolean {
  const t = tsApi();
  return options.properties.some((p) => t.isPropertyAssignment(p) && propertyNameText(p.name) === "presence" && stringLiteralText(p.initializer) === "required");
}

/** Whether an options object sets one of `names` to true (or, for stripUnknown, to an object). */
export function hasTrueOption(options: TS.ObjectLiteralExpression, names: string[]): boolean {
  const t = tsApi();
  return options.properties.some(
    (p) =>
      t.isPropertyAssignment(p) &&
      names.includes(propertyNameText(p.name) ?? "") &&
      (p.initializer.kind === t.SyntaxKind.TrueKeyword || t.isObjectLiteralExpression(peel(p.initializer))),
  );
}
