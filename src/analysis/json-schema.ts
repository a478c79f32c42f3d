// Judges JSON Schemas (any draft) and OpenAPI documents by evaluating them, not by reading keywords: each
// subschema that describes tokenInfo or the token response is compiled with ajv and given the documented
// response as it was and as it is now. An error about refreshToken/refreshTokenId that only the new response
// raises is a validator that now rejects every login; a `required` error for refreshToken when it is absent is
// one that fails whenever the field is left out. Errors are mapped back to the keyword that raised them.
import { createRequire } from "node:module";
import type { Ajv as AjvInstance, ErrorObject, Options as AjvOptions, ValidateFunction } from "ajv";
import type { DataDocument } from "../parse/data.js";
import type { Notice } from "../types.js";
import { isResponseShaped, isTokenInfoShaped, NEW_TOKEN_FIELDS, NEW_TOKEN_INFO, OLD_TOKEN_INFO, responseWith } from "./token-response.js";
import type { TokenValidatorFault } from "./validators/model.js";
import { redact } from "../redact.js";

type Draft = "draft-04" | "draft-07" | "2019-09" | "2020-12";
type SchemaObject = Record<string, unknown>;

const ROOT_ID = "https://anaplan-auth-lint.invalid/schema.json";
const MAX_CANDIDATES = 256;
/** Subschema values ajv may be asked to compile for one document, summed over its candidates. */
const MAX_COMPILED_VALUES = 400_000;
const MAX_NODES = 50_000;
/** Keywords that only judge values by users' regexes or formats: dropped, since only key acceptance matters. */
const VALUE_PATTERN_KEYWORDS = new Set(["pattern", "format", "contentEncoding", "contentMediaType"]);
const KEY_REJECTING_KEYWORDS = new Set(["additionalProperties", "unevaluatedProperties", "propertyNames", "maxProperties"]);

export interface SchemaVerdict {
  faults: TokenValidatorFault[];
  notices: Omit<Notice, "file">[];
}

export interface SchemaDocumentOptions {
  /** "schema file" or "OpenAPI document": how notices name what failed. */
  label?: string;
  /** Treat the root as a schema even without schema keywords (a literal passed to ajv.compile). */
  rootIsSchema?: boolean;
}

/** Whether a parsed JSON/YAML value looks like a JSON Schema or an OpenAPI/Swagger document at all. */
export function isSchemaDocument(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ("openapi" in value || "swagger" in value) return true;
  return ["$schema", "properties", "definitions", "$defs", "allOf", "anyOf", "oneOf", "$ref"].some((k) => k in value);
}

export function judgeSchemaDocument(doc: DataDocument, options: SchemaDocumentOptions = {}): SchemaVerdict {
  const notices: Omit<Notice, "file">[] = [];
  if (!isObject(doc.value) || !(options.rootIsSchema || isSchemaDocument(doc.value))) return { faults: [], notices };
  const { draft, unknownDraft } = draftOf(doc.value);
  if (unknownDraft) notices.push({ kind: "unknown-draft", message: `unknown $schema ${JSON.stringify(unknownDraft).slice(0, 120)}; evaluated as draft-07` });
  const copy = prepare(doc.value);
  if (!copy) return { faults: [], notices: [...notices, { kind: "too-deep", message: "the schema is too large or nested too deeply to evaluate" }] };
  const candidates = candidatesOf(copy.root, copy.pointers, isOpenApi(doc.value));
  if (!candidates.length) return { faults: [], notices };
  for (const ref of [...new Set(copy.externalRefs)].slice(0, 3)) {
    notices.push({ kind: "remote-ref", message: `the ${options.label ?? "schema"} refers to ${redact(ref).slice(0, 200)}, another document, which is never read; it was taken to accept anything` });
  }
  if (copy.unsafePatterns) notices.push({ kind: "unsafe-pattern", message: `${copy.unsafePatterns} key pattern(s) could take unbounded time to match, so were not run; keys they would match count as unmatched` });
  const ajv = newAjv(draft);
  // The document's own absolute $id, so its references resolve; otherwise (none, or only a fragment) ours.
  const ownId = typeof copy.root.$id === "string" ? copy.root.$id : draft === "draft-04" && typeof copy.root.id === "string" ? copy.root.id : "";
  const id = /^[a-z][a-z0-9+.-]*:[^#]*$/i.test(ownId) ? ownId : ROOT_ID;
  if (id === ROOT_ID) {
    delete copy.root.id;
    copy.root.$id = ROOT_ID;
    if (draft === "draft-04") copy.root.id = ROOT_ID;
  }
  try {
    ajv.addSchema(copy.root, undefined, undefined, false);
  } catch (error) {
    return { faults: [], notices: [...notices, compileNotice(error, options)] };
  }
  const faults = new Map<string, TokenValidatorFault>();
  let cost = 0;
  for (const candidate of candidates) {
    const original = candidate.object && copy.originals.get(candidate.object);
    if (original && copy.unionBranches.has(original)) continue;
    // Each candidate compiles its whole subtree: a bound on the sum keeps a huge schema from taking minutes.
    cost += copy.sizes.get(candidate.object ?? {}) ?? 1;
    if (cost > MAX_COMPILED_VALUES) {
      notices.push({ kind: "timeout", message: "the schema is too large to evaluate every subschema that may describe tokenInfo; the rest were skipped" });
      break;
    }
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.getSchema(`${id.split("#")[0]}#${encodePointer(candidate.pointer)}`);
    } catch (error) {
      const notice = compileNotice(error, options);
      if (!notices.some((n) => n.message === notice.message)) notices.push(notice);
      continue;
    }
    if (!validate) continue;
    for (const fault of judgeCandidate(validate, candidate.kind, doc, copy)) {
      const key = `${fault.kind}:${fault.span.start}`;
      if (!faults.has(key)) faults.set(key, fault);
    }
  }
  return { faults: [...faults.values()].sort((a, b) => a.span.start - b.span.start), notices };
}

interface Candidate {
  pointer: string[];
  kind: "tokenInfo" | "response";
  /** The subschema in the prepared copy, when known. */
  object?: object;
}

function judgeCandidate(validate: ValidateFunction, kind: Candidate["kind"], doc: DataDocument, prepared: Prepared): TokenValidatorFault[] {
  const originals = prepared.originals;
  const at = kind === "tokenInfo" ? "" : "/tokenInfo";
  const sample = (tokenInfo: object) => (kind === "tokenInfo" ? tokenInfo : responseWith(tokenInfo));
  const errorsFor = (instance: object): ErrorObject[] => {
    validate(structuredClone(instance));
    return (validate.errors ?? []).filter((e) => e.instancePath === at);
  };
  const oldErrors = errorsFor(sample(OLD_TOKEN_INFO));
  const newErrors = errorsFor(sample(NEW_TOKEN_INFO));
  const faults: TokenValidatorFault[] = [];
  const signature = (e: ErrorObject) => `${e.keyword}\u0000${rejectedKey(e) ?? ""}`;
  const oldByParent = new Map<object, Set<string>>();
  for (const e of oldErrors) {
    const parent = e.parentSchema as object;
    if (!oldByParent.has(parent)) oldByParent.set(parent, new Set());
    oldByParent.get(parent)!.add(signature(e));
  }
  // Strictness: key-rejecting errors about the new fields that the old response did not raise.
  const rejectedBy = new Map<object, { keyword: string; rejected: Set<string> }>();
  for (const e of newErrors) {
    if (!KEY_REJECTING_KEYWORDS.has(e.keyword)) continue;
    const key = rejectedKey(e);
    if (e.keyword !== "maxProperties" && !(NEW_TOKEN_FIELDS as readonly string[]).includes(key ?? "")) continue;
    if (oldByParent.get(e.parentSchema as object)?.has(signature(e))) continue;
    const parent = e.parentSchema as object;
    const entry = rejectedBy.get(parent) ?? { keyword: e.keyword, rejected: new Set<string>() };
    entry.rejected.add(key ?? "refreshToken");
    rejectedBy.set(parent, entry);
  }
  for (const [parent, { keyword, rejected }] of rejectedBy) {
    const original = originals.get(parent);
    const span = original && doc.keySpan(original, keyword);
    if (!span) continue;
    // The other new field is rejected too when it was already missing, though the old response had it.
    const all = NEW_TOKEN_FIELDS.filter((f) => rejected.has(f) || (keyword !== "maxProperties" && oldRejects(oldErrors, parent, f)));
    const limit = keyword === "maxProperties" ? (original as SchemaObject).maxProperties : undefined;
    faults.push({
      kind: "rejects-unknown",
      span,
      construct: `\`${keyword}\``,
      ...(typeof limit === "number" ? { maxProperties: limit } : {}),
      rejected: all.length ? all : ["refreshToken"],
      // Each branch of an allOf is applied alone, so its additionalProperties rejects the other branches' keys.
      allOfTrap: (!!original && prepared.allOfBranches.has(original)) || undefined,
      ...sharedAware(strictnessRemedies(doc, original as SchemaObject, keyword, typeof limit === "number" ? limit : undefined), sharedBy(prepared, parent)),
    });
  }
  // Presence: refreshToken listed as required, seen when the response leaves it out.
  for (const e of oldErrors) {
    if (e.keyword !== "required" || (e.params as { missingProperty?: string }).missingProperty !== "refreshToken") continue;
    const original = originals.get(e.parentSchema as object) as SchemaObject | undefined;
    const required = original?.required;
    const index = Array.isArray(required) ? required.indexOf("refreshToken") : -1;
    const span = index >= 0 ? doc.valueSpan(required as object, index) : original && doc.keySpan(original, "required");
    const removal = index >= 0 ? doc.edits?.removeItem(required as object, index) : undefined;
    const fix = removal && { description: "Make refreshToken optional: remove it from required", edits: [removal] };
    if (span) faults.push({ kind: "requires-refresh-token", span, construct: "the schema's `required` list", fix });
  }
  return faults;
}

/**
 * The fix declares the missing fields, optional, in the object that rejects (never in `required`); for
 * maxProperties it makes room for the new field. The suggestion stops rejecting unknown keys.
 */
function strictnessRemedies(doc: DataDocument, schema: SchemaObject, keyword: string, limit: number | undefined): Pick<TokenValidatorFault, "fix" | "suggestions"> {
  const edits = doc.edits;
  if (!edits || !schema) return {};
  if (limit !== undefined) {
    const edit = edits.replaceValue(schema, "maxProperties", limit + 1);
    return edit ? { fix: { description: `Raise maxProperties to ${limit + 1}, for refreshToken`, edits: [edit] } } : {};
  }
  const properties = schema.properties;
  const declared = isObject(properties) ? properties : {};
  const missing = NEW_TOKEN_FIELDS.filter((f) => !(f in declared));
  const field = { type: "string" };
  const add = !missing.length
    ? undefined
    : isObject(properties)
      ? edits.addEntries(properties, missing.map((key) => ({ key, value: field })))
      : edits.addEntries(schema, [{ key: "properties", value: Object.fromEntries(missing.map((key) => [key, field])) }]);
  const fix = add && { description: `Declare ${missing.join(" and ")} (optional) in tokenInfo's properties`, edits: [add] };
  const relax = (keyword === "additionalProperties" || keyword === "unevaluatedProperties") && schema[keyword] === false ? edits.replaceValue(schema, keyword, true) : undefined;
  const suggestions = relax ? [{ description: `Accept unknown keys in tokenInfo (${keyword}: true)`, edits: [relax] }] : undefined;
  return { ...(fix ? { fix } : {}), ...(suggestions ? { suggestions } : {}) };
}

/** How many `$ref`s name this subschema: a definition shared by several schemas. */
function sharedBy(prepared: Prepared, copy: object): number {
  const pointer = prepared.pointers.get(copy);
  if (!pointer) return 0;
  return prepared.refCounts.get(`#/${pointer.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`) ?? 0;
}

/** A definition other schemas use too changes for all of them: its fix is only a suggestion. */
function sharedAware(remedies: Pick<TokenValidatorFault, "fix" | "suggestions">, refs: number): Pick<TokenValidatorFault, "fix" | "suggestions"> {
  if (refs <= 1 || !remedies.fix) return remedies;
  const fix = { ...remedies.fix, description: `${remedies.fix.description} (the definition is used by ${refs} schemas: check them all)` };
  return { suggestions: [fix, ...(remedies.suggestions ?? [])] };
}

function oldRejects(oldErrors: ErrorObject[], parent: object, field: string): boolean {
  return oldErrors.some((e) => e.parentSchema === parent && rejectedKey(e) === field);
}

function rejectedKey(e: ErrorObject): string | undefined {
  const p = e.params as { additionalProperty?: string; unevaluatedProperty?: string; propertyName?: string };
  return p.additionalProperty ?? p.unevaluatedProperty ?? p.propertyName;
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOpenApi(value: SchemaObject): boolean {
  return "openapi" in value || "swagger" in value;
}

function draftOf(root: SchemaObject): { draft: Draft; unknownDraft?: string } {
  const openapi = typeof root.openapi === "string" ? root.openapi : undefined;
  if (openapi) return { draft: /^3\.1/.test(openapi) ? "2020-12" : "draft-07" };
  const declared = root.$schema;
  if (typeof declared !== "string") return { draft: "draft-07" };
  if (/draft-0?4/.test(declared)) return { draft: "draft-04" };
  if (/draft-0?[67]/.test(declared)) return { draft: "draft-07" };
  if (/2019-09/.test(declared)) return { draft: "2019-09" };
  if (/2020-12/.test(declared)) return { draft: "2020-12" };
  return { draft: "draft-07", unknownDraft: declared };
}

const load = createRequire(import.meta.url);

function newAjv(draft: Draft): AjvInstance {
  // Users' schemas use keywords ajv does not know (OpenAPI's nullable, example, discriminator …): not strict,
  // no format checks, no validation of the schema against its meta-schema (that would need the meta-schema
  // of every draft and fail on harmless extensions).
  const options: AjvOptions = { strict: false, allErrors: true, validateFormats: false, validateSchema: false, verbose: true, inlineRefs: false, logger: false };
  const module =
    draft === "draft-04" ? load("ajv-draft-04") : draft === "2019-09" ? load("ajv/dist/2019.js") : draft === "2020-12" ? load("ajv/dist/2020.js") : load("ajv");
  const AjvClass = (module.default ?? module) as new (o: AjvOptions) => AjvInstance;
  return new AjvClass(options);
}

function compileNotice(error: unknown, options: SchemaDocumentOptions): Omit<Notice, "file"> {
  const message = error instanceof Error ? error.message : String(error);
  // References to other documents never reach ajv (prepare drops them with a remote-ref notice).
  return { kind: "schema-compile-error", message: `ajv could not compile the ${options.label ?? "schema"}: ${message.split(ROOT_ID).join("the document").slice(0, 300)}` };
}

function encodePointer(pointer: string[]): string {
  return pointer.map((p) => "/" + encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("");
}

/**
 * A copy of the document that ajv may compile: value-pattern keywords and nested `$schema` dropped, with a
 * map from each copied object back to the original (errors name the copy; spans belong to the original) and
 * the JSON pointer of each object. Undefined when the document is too large to evaluate.
 */
interface Prepared {
  root: SchemaObject;
  originals: WeakMap<object, object>;
  pointers: Map<object, string[]>;
  /** How many values each object holds, itself included: what compiling it costs. */
  sizes: WeakMap<object, number>;
  /** `$ref`s to other files or remote documents, dropped. */
  externalRefs: string[];
  /** How many `$ref`s point at each local pointer (`#/definitions/TokenInfo`). */
  refCounts: Map<string, number>;
  unsafePatterns: number;
  /** Original subschemas that are items of some allOf. */
  allOfBranches: WeakSet<object>;
  /**
   * Original subschemas that are branches of an anyOf/oneOf: judged only as part of their union (a strict
   * V1 beside a V2 that declares refreshToken accepts the new response).
   */
  unionBranches: WeakSet<object>;
}

function prepare(root: SchemaObject): Prepared | undefined {
  const originals = new WeakMap<object, object>();
  const pointers = new Map<object, string[]>();
  const sizes = new WeakMap<object, number>();
  const allOfBranches = new WeakSet<object>();
  const unionBranches = new WeakSet<object>();
  const externalRefs: string[] = [];
  const refCounts = new Map<string, number>();
  let unsafePatterns = 0;
  let nodes = 0;
  const copyOf = (value: unknown, pointer: string[], parentKey: string | undefined): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (++nodes > MAX_NODES || pointer.length > 200) throw new TooLarge();
    const before = nodes;
    if (Array.isArray(value)) {
      const items = value.map((item, i) => copyOf(item, [...pointer, String(i)], parentKey));
      if (parentKey === "allOf" || parentKey === "anyOf" || parentKey === "oneOf") {
        const branches = parentKey === "allOf" ? allOfBranches : unionBranches;
        for (const item of value) {
          if (!isObject(item)) continue;
          branches.add(item);
          // A branch written as a $ref: the definition it names is the branch.
          const target = typeof item.$ref === "string" && item.$ref.startsWith("#/") ? resolveLocal(root, item.$ref) : undefined;
          if (target) branches.add(target);
        }
      }
      originals.set(items, value);
      sizes.set(items, nodes - before + 1);
      return items;
    }
    const out: SchemaObject = {};
    for (const [key, child] of Object.entries(value)) {
      // Inside `properties` the keys are property names, not keywords: a property called "pattern" stays.
      const isKeyword = parentKey !== "properties" && parentKey !== "patternProperties" && parentKey !== "definitions" && parentKey !== "$defs";
      if (isKeyword && parentKey !== "propertyNames" && VALUE_PATTERN_KEYWORDS.has(key) && typeof child === "string") continue;
      // Keywords that only constrain values or annotate, and that ajv may refuse in OpenAPI's dialect.
      if (isKeyword && (key === "$schema" || key === "nullable" || key === "discriminator")) continue;
      // A regex that could backtrack without end on a key name is not run: its keys count as unmatched.
      if ((parentKey === "patternProperties" && !isSafePattern(key)) || (isKeyword && parentKey === "propertyNames" && key === "pattern" && typeof child === "string" && !isSafePattern(child))) {
        unsafePatterns++;
        continue;
      }
      // Another file or a remote document is never read: the reference accepts anything.
      if (isKeyword && key === "$ref" && typeof child === "string" && !child.startsWith("#")) {
        externalRefs.push(child);
        continue;
      }
      if (isKeyword && key === "$ref" && typeof child === "string") refCounts.set(child, (refCounts.get(child) ?? 0) + 1);
      // A value inside a name → schema map (`properties`, `definitions` …) is a schema whatever its name: a
      // property called "properties" holds keywords, and its `pattern` is a pattern.
      out[key] = copyOf(child, [...pointer, key], isKeyword ? key : undefined);
    }
    originals.set(out, value);
    pointers.set(out, pointer);
    sizes.set(out, nodes - before + 1);
    return out;
  };
  try {
    return { root: copyOf(root, [], undefined) as SchemaObject, originals, pointers, sizes, allOfBranches, unionBranches, externalRefs, refCounts, unsafePatterns };
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
}

/**
 * Patterns whose matching time cannot blow up on a key name (a few dozen characters): bounded length, at most
 * four unbounded quantifiers (k of them cost up to n^k steps), no backreference, and no repeated group that
 * holds a quantifier or an alternation, at any depth (`(a+)+`, `((a|b)c)*`, `(?:.|.)*`: exponential).
 */
export function isSafePattern(pattern: string): boolean {
  if (pattern.length > 256 || /\\[1-9k]/.test(pattern)) return false;
  const unbounded = (pattern.match(/[*+]|\{\d+,\}/g) ?? []).length;
  if (unbounded > 4) return false;
  const groups: { quantified: boolean; alternation: boolean }[] = [];
  const repeatAt = (i: number) => /^(?:[*+]|\{\d*,?\d*\})/.test(pattern.slice(i));
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") {
      // A character class: skip to its end (an escaped "]" does not end it).
      for (i++; i < pattern.length && pattern[i] !== "]"; i++) if (pattern[i] === "\\") i++;
    } else if (c === "(") {
      groups.push({ quantified: false, alternation: false });
      // (?: (?= (?! (?<= (?<! (?<name>: the "?" names the kind of group; it is no quantifier.
      const kind = /^\?(?::|=|!|<=|<!|<[A-Za-z_]\w*>)/.exec(pattern.slice(i + 1));
      if (kind) i += kind[0].length;
    }
    else if (c === "|" && groups.length) groups[groups.length - 1].alternation = true;
    else if ((c === "*" || c === "+" || c === "?" || c === "{") && groups.length) groups[groups.length - 1].quantified = true;
    else if (c === ")") {
      const group = groups.pop();
      if (!group) return false;
      const repeated = repeatAt(i + 1);
      if (repeated && (group.quantified || group.alternation)) return false;
      const outer = groups[groups.length - 1];
      if (outer) {
        outer.quantified ||= group.quantified || repeated;
        outer.alternation ||= group.alternation;
      }
    }
  }
  return groups.length === 0;
}

class TooLarge extends Error {}

/** Object subschemas that describe tokenInfo or the whole response, by the properties they declare. */
function candidatesOf(root: SchemaObject, pointers: Map<object, string[]>, openApi: boolean): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (pointer: string[], kind: Candidate["kind"], object?: object) => {
    const key = pointer.join("/") + kind;
    if (seen.has(key) || out.length >= MAX_CANDIDATES) return;
    seen.add(key);
    out.push({ pointer, kind, object });
  };
  const memo = new Map<SchemaObject, Set<string>>();
  for (const [object, pointer] of pointers) {
    // Values of `properties` maps and of `example(s)` keywords are not schemas of their own.
    if (pointer.at(-1) === "properties" || isUnderExample(pointer)) continue;
    // A bare `{ $ref }` wrapper is judged where it points.
    if (Object.keys(object).length === 1 && "$ref" in object) continue;
    const keys = declaredProperties(root, object as SchemaObject, 0, memo);
    if (isResponseShaped(keys)) add(pointer, "response", object);
    else if (isTokenInfoShaped(keys)) add(pointer, "tokenInfo", object);
  }
  if (openApi) {
    // The response schema of a token path describes the response even when it declares little itself.
    const paths = root.paths;
    if (isObject(paths)) {
      for (const [path, item] of Object.entries(paths)) {
        if (!/\/token\/(authenticate|refresh)\b/.test(path) || !isObject(item)) continue;
        for (const [method, operation] of Object.entries(item)) {
          const responses = isObject(operation) ? operation.responses : undefined;
          if (!isObject(responses)) continue;
          for (const [status, response] of Object.entries(responses)) {
            const content = isObject(response) ? response.content : undefined;
            if (isObject(response) && isObject(response.schema)) add(["paths", path, method, "responses", status, "schema"], "response");
            if (!isObject(content)) continue;
            for (const [media, body] of Object.entries(content)) {
              if (isObject(body) && isObject(body.schema)) add(["paths", path, method, "responses", status, "content", media, "schema"], "response");
            }
          }
        }
      }
    }
  }
  return out;
}

/** Property names a subschema declares: its own, and those of its allOf/anyOf/oneOf branches and local $refs. */
function declaredProperties(root: SchemaObject, schema: SchemaObject, depth: number, memo = new Map<SchemaObject, Set<string>>()): Set<string> {
  const known = memo.get(schema);
  if (known) return known;
  const keys = new Set<string>();
  memo.set(schema, keys); // a $ref cycle reads what is known so far
  if (depth > 8) return keys;
  if (isObject(schema.properties)) for (const k of Object.keys(schema.properties)) keys.add(k);
  if (Array.isArray(schema.required)) for (const k of schema.required) if (typeof k === "string") keys.add(k);
  for (const combinator of ["allOf", "anyOf", "oneOf"]) {
    const branches = schema[combinator];
    if (Array.isArray(branches)) for (const b of branches) if (isObject(b)) for (const k of declaredProperties(root, b, depth + 1, memo)) keys.add(k);
  }
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/")) {
    const target = resolveLocal(root, schema.$ref);
    if (target) for (const k of declaredProperties(root, target, depth + 1, memo)) keys.add(k);
  }
  return keys;
}

/** Whether a pointer passes through an `example`/`examples` keyword (not a property or definition so named). */
function isUnderExample(pointer: string[]): boolean {
  return pointer.some((part, i) => (part === "example" || part === "examples") && !["properties", "definitions", "$defs", "schemas"].includes(pointer[i - 1] ?? ""));
}

function resolveLocal(root: SchemaObject, ref: string): SchemaObject | undefined {
  let at: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    at = isObject(at) ? at[part] : Array.isArray(at) ? at[Number(part)] : undefined;
  }
  return isObject(at) ? at : undefined;
}
