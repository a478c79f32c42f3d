// "Where are the certificate-auth payloads?" A payload is a value *sent* to /token/authenticate that carries
// encodedData (and encodedSignedData). We start from the calls that send requests, so a builder that is never
// sent is never a payload, and one payload sent from two places is found once.
import type { ts as TS } from "ts-morph";
import type { Span } from "../source.js";
import { tsApi } from "../parse/typescript.js";
import { peel, propertyNameText, qualifiedName, referencesTo, walk } from "./ast.js";
import { type Request, RequestFinder } from "./requests.js";
import { spanOfNode } from "./spans.js";
import { type Def, type Env, type Hole, type Resolver, textPattern } from "./values.js";
import type { CodeUnit } from "./workspace.js";

export const PAYLOAD_FIELDS = ["encodedData", "encodedSignedData", "encodedDataFormat"] as const;
export type PayloadFieldName = (typeof PAYLOAD_FIELDS)[number];

/** Where a field's value is written. */
export type FieldValue =
  /** An expression in code. */
  | { kind: "code"; expr: TS.Expression; env?: Env }
  /** A literal in a raw JSON body (Postman). */
  | { kind: "json"; value: unknown; span: Span }
  /** A Postman `{{name}}` variable, and the script calls that set it (none: it is filled in by hand). */
  | { kind: "variable"; name: string; span: Span; setters: { expr: TS.Expression; span: Span }[] };

export interface PayloadField {
  name: PayloadFieldName;
  /** The property (or assignment) that puts the field in the payload. */
  span: Span;
  value: FieldValue;
}

export interface Payload {
  /** The payload object literal, or the Postman request body. */
  span: Span;
  /** The object literal, for payloads in code. */
  node?: TS.Node;
  fields: Map<PayloadFieldName, PayloadField>;
  /** Set when encodedDataFormat travels as an HTTP header instead of in the body. */
  formatHeader?: Span;
  /** The raw JSON text of a Postman body, for fixes that edit it. */
  rawBody?: { text: string; span: Span };
}

export type UrlKind = "auth" | "other" | "unknown";

export class PayloadFinder {
  /**
   * Payload object literals already reported in this file's analysis: one payload, one finding. Reset for each
   * file, so a file's findings depend only on it and what it reads (which the cache relies on); a payload in a
   * shared module reached from two files is reported twice, identically, and the run's dedupe keeps one.
   */
  private readonly seen = new Set<TS.Node>();
  private readonly requests: RequestFinder;

  constructor(private readonly resolver: Resolver) {
    this.requests = new RequestFinder(resolver);
  }

  startFile(): void {
    this.seen.clear();
  }

  /** The certificate-auth payloads sent from a file. */
  inUnit(unit: CodeUnit): Payload[] {
    const ts = tsApi();
    const out: Payload[] = [];
    walk(unit.sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      const request = this.requests.requestAt(node);
      if (request) out.push(...this.payloadsOf(request));
    });
    return out;
  }

  // ---- payloads -------------------------------------------------------------------------------------------

  private payloadsOf(request: Request): Payload[] {
    if (!request.body) return [];
    const out = this.payloadsIn(request, undefined);
    // A sender that gets its body as a parameter (`function post(url, body) { … req.end(body) }`): judged
    // once for each call of it, with the parameters bound to that call's arguments.
    if (!out.length) for (const env of this.callSiteBindings(request.body)) out.push(...this.payloadsIn(request, env));
    return out;
  }

  private payloadsIn(request: Request, env: Env | undefined): Payload[] {
    const out: Payload[] = [];
    for (const { node, fields } of this.bodyCandidates(request.body!, env)) {
      if (this.seen.has(node) || !fields.has("encodedData")) continue;
      const url = this.urlKind(request.url, env);
      const certHeader = this.headerValue(request.headers, "authorization", env).some((p) => /^\s*CACertificate\b/i.test(p));
      // Another endpoint is never a login; otherwise the shape decides: an object with only a property named
      // encodedData (a document upload, say) is no login, one with the signature or the certificate header is.
      if (url === "other" || !(fields.has("encodedSignedData") || certHeader)) continue;
      const span = spanOfNode(this.resolver.workspace, node);
      if (!span) continue;
      this.seen.add(node);
      out.push({ span, node, fields, formatHeader: this.headerSpan(request.headers, "encodeddataformat", env) });
    }
    return out;
  }

  /** For a body that is a parameter of a function declared in this file: the bindings of each call of it. */
  private callSiteBindings(body: TS.Expression): Env[] {
    const ts = tsApi();
    const param = this.resolver.leaves(body).find((d): d is Extract<Def, { kind: "param" }> => d.kind === "param" && ts.isParameter(d.node));
    const fn = param?.node.parent;
    if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return [];
    const holder = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent : undefined;
    if (!holder) return [];
    const out: Env[] = [];
    for (const ref of referencesTo(holder).slice(0, 16)) {
      const call = ref.parent;
      if (!ts.isCallExpression(call) || call.expression !== ref) continue;
      const bindings = new Map<TS.Node, { expr: TS.Expression }>();
      fn.parameters.forEach((p, i) => {
        const arg = call.arguments[i];
        if (arg) bindings.set(p, { expr: arg });
      });
      out.push(bindings);
    }
    return out;
  }

  /** What a request body can be, with its payload fields: object literals (through JSON.stringify) and JSON text. */
  private bodyCandidates(body: TS.Expression, env?: Env): { node: TS.Node; fields: Map<PayloadFieldName, PayloadField> }[] {
    const ts = tsApi();
    const out: { node: TS.Node; fields: Map<PayloadFieldName, PayloadField> }[] = [];
    const visit = (defs: Def[]): void => {
      for (const def of defs) {
        if (def.kind !== "expr") continue;
        const node = def.node;
        if (ts.isObjectLiteralExpression(node)) out.push({ node, fields: this.fieldsOf(node) });
        else if (ts.isCallExpression(node) && qualifiedName(node.expression) === "JSON.stringify" && node.arguments[0]) {
          visit(this.resolver.leaves(node.arguments[0], def.env));
        } else if (ts.isTemplateExpression(node) || ts.isBinaryExpression(node) || ts.isStringLiteralLike(node)) {
          const fields = this.fieldsOfJsonText(node, def.env);
          if (fields.size) out.push({ node, fields });
        }
      }
    };
    visit(this.resolver.leaves(body, env));
    return out;
  }

  /**
   * Fields of JSON written by hand: `\`{"encodedData":"${data.toString("base64")}", …}\`` or the same with `+`.
   * A value spliced in is followed as code; a value written in the text is a literal.
   */
  private fieldsOfJsonText(node: TS.Expression, env: Env | undefined): Map<PayloadFieldName, PayloadField> {
    const fields = new Map<PayloadFieldName, PayloadField>();
    const span = spanOfNode(this.resolver.workspace, node);
    const value = this.resolver.evaluate(node, env).find((v) => v.kind === "text");
    if (!span || !value || value.kind !== "text") return fields;
    const holes: Hole[] = [];
    const text = value.parts.map((p) => (typeof p === "string" ? p : `\u0000${holes.push(p) - 1}\u0000`)).join("");
    const field = /"(encodedData|encodedSignedData|encodedDataFormat)"\s*:\s*(?:"?\u0000(\d+)\u0000"?|"([^"\u0000]*)"|(-?\d+(?:\.\d+)?))/g;
    for (const m of text.matchAll(field)) {
      const name = m[1] as PayloadFieldName;
      const hole = m[2] !== undefined ? holes[Number(m[2])] : undefined;
      const spliced = hole && "unknown" in hole ? hole.unknown : hole && "def" in hole ? hole.def : undefined;
      if (spliced && spliced.kind === "expr") {
        fields.set(name, { name, span, value: { kind: "code", expr: unwrapStringify(spliced.node), env: spliced.env } });
      } else if (m[3] !== undefined || m[4] !== undefined) {
        fields.set(name, { name, span, value: { kind: "json", value: m[3] ?? Number(m[4]), span } });
      }
    }
    return fields;
  }

  /** The payload fields of an object literal: written out, spread in, or assigned afterwards. */
  private fieldsOf(object: TS.ObjectLiteralExpression, depth = 0): Map<PayloadFieldName, PayloadField> {
    const ts = tsApi();
    const fields = new Map<PayloadFieldName, PayloadField>();
    const add = (name: string | undefined, at: TS.Node, expr: TS.Expression): void => {
      if (!PAYLOAD_FIELDS.includes(name as PayloadFieldName)) return;
      const span = spanOfNode(this.resolver.workspace, at);
      if (span) fields.set(name as PayloadFieldName, { name: name as PayloadFieldName, span, value: { kind: "code", expr } });
    };
    for (const prop of object.properties) {
      if (ts.isPropertyAssignment(prop)) add(propertyNameText(prop.name), prop, prop.initializer);
      else if (ts.isShorthandPropertyAssignment(prop)) add(prop.name.text, prop, prop.name);
      else if (ts.isSpreadAssignment(prop) && depth < 4) {
        for (const def of this.resolver.leaves(prop.expression)) {
          if (def.kind === "expr" && ts.isObjectLiteralExpression(def.node)) {
            // Later properties win, as in JavaScript: a spread after a field overrides it.
            for (const [name, field] of this.fieldsOf(def.node, depth + 1)) fields.set(name, field);
          }
        }
      }
    }
    const holder = peelParentsOf(object);
    if (holder && ts.isVariableDeclaration(holder)) {
      for (const name of PAYLOAD_FIELDS) {
        for (const rhs of this.resolver.propertyAssignmentsTo(holder, name)) add(name, rhs.parent, rhs);
      }
    }
    return fields;
  }

  urlKind(url: TS.Expression | undefined, env?: Env): UrlKind {
    const ts = tsApi();
    if (!url) return "unknown";
    let kind: UrlKind = "other";
    let sawAny = false;
    for (const def of this.resolver.leaves(url, env)) {
      // new URL("/token/authenticate", base): the path decides.
      const target = def.kind === "expr" && ts.isNewExpression(def.node) && qualifiedName(def.node.expression) === "URL" && def.node.arguments?.[0]
        ? def.node.arguments[0]
        : def.kind === "expr" ? def.node : undefined;
      const values = target ? this.resolver.evaluate(target, def.kind === "expr" ? def.env : undefined) : [];
      for (const value of values.length ? values : [undefined]) {
        sawAny = true;
        const pattern = value && textPattern(value);
        if (pattern && this.resolver.workspace.isAuthUrl(pattern)) return "auth";
        // A literal path after the host ("…/v1/archive") names another endpoint; a hole there could be anything.
        const afterHost = (pattern ?? "\u0000").replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\u0000]*/i, "");
        // "/v1/archive", or "v1/upload" relative to an instance's base URL.
        if (!/^\u0000*\/?[A-Za-z0-9]/.test(afterHost) || /^[A-Za-z0-9.-]+$/.test(afterHost)) kind = "unknown";
      }
    }
    return sawAny ? kind : "unknown";
  }

  /** The text patterns a request header can have (matching the header name without regard to case). */
  private headerValue(headers: TS.Expression | undefined, lowerName: string, env?: Env): string[] {
    const ts = tsApi();
    const out: string[] = [];
    for (const { prop, env: at } of this.headerProperties(headers, env)) {
      if (propertyNameText(prop.name)?.toLowerCase() !== lowerName) continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
      if (value) for (const v of this.resolver.evaluate(value, at)) out.push(textPattern(v) ?? "");
    }
    return out;
  }

  private headerSpan(headers: TS.Expression | undefined, lowerName: string, env?: Env): Span | undefined {
    const found = this.headerProperties(headers, env).find(({ prop }) => propertyNameText(prop.name)?.toLowerCase() === lowerName);
    return found ? spanOfNode(this.resolver.workspace, found.prop) : undefined;
  }

  /** The properties of the headers object, also spread in (`{ ...headers, "Content-Type": … }`). */
  private headerProperties(headers: TS.Expression | undefined, env?: Env, depth = 0): { prop: TS.ObjectLiteralElementLike; env?: Env }[] {
    const ts = tsApi();
    if (!headers || depth > 4) return [];
    const out: { prop: TS.ObjectLiteralElementLike; env?: Env }[] = [];
    for (const def of this.resolver.leaves(headers, env)) {
      if (def.kind !== "expr") continue;
      let node = def.node;
      // new Headers({...})
      if (ts.isNewExpression(node) && node.arguments?.[0]) node = peel(node.arguments[0]);
      if (!ts.isObjectLiteralExpression(node)) continue;
      for (const prop of node.properties) {
        if (ts.isSpreadAssignment(prop)) out.push(...this.headerProperties(prop.expression, def.env, depth + 1));
        else out.push({ prop, env: def.env });
      }
    }
    return out;
  }
}

/** `${JSON.stringify(value)}` in hand-written JSON splices `value`. */
function unwrapStringify(node: TS.Expression): TS.Expression {
  const ts = tsApi();
  const e = peel(node);
  return ts.isCallExpression(e) && qualifiedName(e.expression) === "JSON.stringify" && e.arguments[0] ? e.arguments[0] : e;
}

/** The declaration an object literal initialises, if any (`const payload = { … }`). */
function peelParentsOf(node: TS.Node): TS.Node | undefined {
  const ts = tsApi();
  let n = node.parent;
  while (n && (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n))) n = n.parent;
  return n;
}
