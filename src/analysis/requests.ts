// "Which calls send an HTTP request, and with which URL, body and headers?" One entry per client shape:
// fetch and its look-alikes, axios, got, ky, undici, superagent, needle, jQuery, node's http/https, and any
// client with the post(url, body, options) shape (Angular's HttpClient, instances, wrappers).
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { memberAccess, peel, qualifiedName, referencesTo } from "./ast.js";
import type { Resolver } from "./values.js";

/** One HTTP request in code: its URL, body and headers as written at the call. */
export interface Request {
  call: TS.CallExpression;
  url?: TS.Expression;
  body?: TS.Expression;
  headers?: TS.Expression;
}

/** Clients called like fetch: (url, { method, body, headers }). */
const FETCH_LIKE = new Set(["fetch", "node-fetch", "cross-fetch", "isomorphic-fetch", "undici.fetch", "undici.request"]);
/** Clients whose options carry the body as `json` (serialised for you) or `body`: (url, options) or (options). */
const JSON_OPTION_CLIENTS = new Set(["got", "got.post", "got.put", "got.patch", "ky", "ky.post", "ky.put", "ky.patch"]);
const NODE_HTTP = new Set(["https.request", "http.request"]);
const JQUERY_AJAX = new Set(["$.ajax", "jQuery.ajax", "jquery.ajax"]);
/** Method names that send a body as their second argument on most clients. */
const BODY_METHODS = new Set(["post", "put", "patch"]);
/** superagent's chainable calls between `.post(url)` and `.send(body)`. */
const SUPERAGENT_CHAIN = new Set(["set", "type", "accept", "timeout", "retry", "ca", "cert", "key", "agent", "query", "redirects", "ok", "use"]);

export class RequestFinder {
  constructor(private readonly resolver: Resolver) {}

  /** The request a call sends, if it is a call that sends one. */
  requestAt(call: TS.CallExpression): Request | undefined {
    const names = this.clientNames(call.expression);
    const args = call.arguments;
    const has = (set: Set<string>): boolean => names.some((n) => set.has(n));
    if (has(FETCH_LIKE)) return { call, url: args[0], ...this.fromOptions(args[1], ["body"]) };
    if (has(NODE_HTTP)) return this.nodeHttpRequest(call);
    if (names.includes("axios") || names.includes("axios.request")) return this.urlAndOptions(call, ["data"]);
    if (has(JSON_OPTION_CLIENTS)) return this.urlAndOptions(call, ["json", "body"]);
    if (has(JQUERY_AJAX)) return this.urlAndOptions(call, ["data"]);
    if (names.includes("needle") || names.includes("needle.request")) {
      return { call, url: args[1], body: args[2], ...this.fromOptions(args[3], []) };
    }
    const access = memberAccess(call.expression);
    if (access?.name === "send") return this.superagentRequest(call, access.object);
    // axios.post, instances, Angular's HttpClient, needle.post, $.post …: post(url, body, options).
    if (access && BODY_METHODS.has(access.name) && args.length >= 2) {
      return { call, url: args[0], body: args[1], ...this.fromOptions(args[2], []) };
    }
    return undefined;
  }

  /**
   * The library names a callee stands for: `got.post`, and for `client.post` whichever clients `client` can be
   * (`const client = secure ? https : http` gives both https.request and http.request).
   */
  private clientNames(callee: TS.Expression): string[] {
    const direct = qualifiedName(callee);
    const names = direct ? [direct] : [];
    const access = memberAccess(peel(callee));
    if (access) {
      for (const def of this.resolver.leaves(access.object)) {
        const base = def.kind === "expr" ? qualifiedName(def.node) : undefined;
        if (base) names.push(`${base}.${access.name}`);
      }
    } else if (!direct) {
      for (const def of this.resolver.leaves(callee)) {
        const name = def.kind === "expr" ? qualifiedName(def.node) : undefined;
        if (name) names.push(name);
      }
    }
    return names;
  }

  /** (url, options) or (options with `url`), the body under one of `bodyKeys` in the options. */
  private urlAndOptions(call: TS.CallExpression, bodyKeys: string[]): Request {
    const [first, second] = call.arguments;
    if (first && this.isObjectLike(first) && !second) {
      return { call, ...this.fromOptions(first, bodyKeys), url: this.memberExpression(first, "url") };
    }
    return { call, url: first, ...this.fromOptions(second, bodyKeys) };
  }

  private fromOptions(options: TS.Expression | undefined, bodyKeys: string[]): Omit<Request, "call" | "url"> {
    if (!options) return {};
    const body = bodyKeys.map((k) => this.memberExpression(options, k)).find((e) => e !== undefined);
    const headers = this.memberExpression(options, "headers");
    return { ...(body && { body }), ...(headers && { headers }) };
  }

  /** The expression written for `key` in an options object (followed through names and spreads). */
  memberExpression(options: TS.Expression, key: string): TS.Expression | undefined {
    for (const def of this.resolver.leaves(options)) {
      for (const m of this.resolver.member(def, key)) if (m.kind === "expr") return m.node;
    }
    return undefined;
  }

  isObjectLike(expr: TS.Expression): boolean {
    const ts = tsApi();
    return this.resolver.leaves(expr).some((d) => d.kind === "expr" && ts.isObjectLiteralExpression(d.node));
  }

  /** `https.request(url | options, cb)` with the body written by `req.write(body)` or `req.end(body)`. */
  private nodeHttpRequest(call: TS.CallExpression): Request {
    const ts = tsApi();
    const [first, second] = call.arguments;
    const optionsArg = first && this.isObjectLike(first) ? first : second && this.isObjectLike(second) ? second : undefined;
    const url = first && !this.isObjectLike(first) ? first : optionsArg ? this.memberExpression(optionsArg, "path") : undefined;
    const headers = optionsArg ? this.memberExpression(optionsArg, "headers") : undefined;
    let body: TS.Expression | undefined;
    const takeBody = (writeCall: TS.Node | undefined): void => {
      if (!body && writeCall && ts.isCallExpression(writeCall) && writeCall.arguments[0]) body = writeCall.arguments[0];
    };
    const parent = call.parent;
    if (ts.isPropertyAccessExpression(parent) && ["write", "end"].includes(parent.name.text)) takeBody(parent.parent);
    if (ts.isVariableDeclaration(parent)) {
      for (const ref of referencesTo(parent)) {
        const access = ref.parent;
        if (ts.isPropertyAccessExpression(access) && ["write", "end"].includes(access.name.text)) takeBody(access.parent);
      }
    }
    return { call, url, body, headers };
  }

  /** superagent: `request.post(url).set(…).send(body)`; the URL comes from the call the chain starts with. */
  private superagentRequest(send: TS.CallExpression, receiver: TS.Expression): Request | undefined {
    const ts = tsApi();
    let node = peel(receiver);
    const headers: TS.Expression[] = [];
    while (ts.isCallExpression(node)) {
      const access = memberAccess(node.expression);
      if (access && SUPERAGENT_CHAIN.has(access.name)) {
        if (access.name === "set" && node.arguments.length === 1) headers.push(node.arguments[0]);
        node = peel(access.object);
        continue;
      }
      const names = this.clientNames(node.expression);
      const starts = names.some((n) => /^superagent(\.(post|put|patch))?$/.test(n));
      if (!starts) return undefined;
      const url = names.some((n) => n === "superagent") ? node.arguments[1] : node.arguments[0];
      return { call: send, url, body: send.arguments[0], headers: headers[0] };
    }
    return undefined;
  }
}
