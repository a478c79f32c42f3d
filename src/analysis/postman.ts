// Postman collections (v2.0/v2.1) and environment files: certificate-auth requests with raw JSON bodies, the
// pre-request scripts that fill their {{variables}} (analysed as JavaScript, reported at the line of their
// `exec` element), and literal values stored for those variables.
import { type Node as JsonNode, findNodeAtLocation, getNodeValue, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { ts as TS } from "ts-morph";
import { EmbeddedText, type LineOrigin, type SourceText, type Span } from "../source.js";
import { tsApi } from "../parse/typescript.js";
import { qualifiedName, stringLiteralText, walk } from "./ast.js";
import type { Payload, PayloadField, PayloadFieldName } from "./payloads.js";
import { PAYLOAD_FIELDS } from "./payloads.js";
import type { CodeUnit, Workspace } from "./workspace.js";

/** A literal value stored for a request variable (environment, globals, collection variables). */
export interface StoredVariable {
  name: string;
  value: string;
  span: Span;
}

export interface PostmanDocument {
  payloads: Payload[];
  storedVariables: StoredVariable[];
  /** The collection's test scripts: they run against live responses, so their assertions are validators. */
  testScripts: CodeUnit[];
}

const SETTERS = new Set([
  "pm.environment.set",
  "pm.collectionVariables.set",
  "pm.variables.set",
  "pm.globals.set",
  "postman.setEnvironmentVariable",
  "postman.setGlobalVariable",
]);

const AUTH_PATH = "/token/authenticate";
const VARIABLE = /^\s*\{\{\s*([^{}]+?)\s*\}\}\s*$/;
const STORED_NAMES = /^encoded(signed)?data$/i;

export function isPostmanCandidate(text: string): boolean {
  return /getpostman\.com|"_postman_variable_scope"|"_postman_id"|"item"\s*:/.test(text);
}

/** Reads a JSON file as a Postman collection or environment; undefined when it is neither. */
export function readPostman(workspace: Workspace, source: SourceText): PostmanDocument | undefined {
  const errors: ParseError[] = [];
  const parsed = parseTree(source.text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!parsed || parsed.type !== "object") return undefined;
  // The Postman API exports a collection wrapped as {"collection": {...}}.
  const wrapped = findNodeAtLocation(parsed, ["collection"]);
  const root = wrapped?.type === "object" && findNodeAtLocation(wrapped, ["item"]) ? wrapped : parsed;
  const firstError = errors[0];
  if (firstError) {
    workspace.notices.push({
      kind: "parse-error",
      file: source.file,
      line: source.position(firstError.offset).line,
      message: `invalid JSON: ${printParseErrorCode(firstError.error)} (the rest of the file was still read)`,
    });
  }
  const span = (node: JsonNode): Span => ({ source, start: node.offset, end: node.offset + node.length });
  const values = findNodeAtLocation(root, ["values"]);
  const items = findNodeAtLocation(root, ["item"]);
  const isCollection = !!items && items.type === "array" && !!findNodeAtLocation(root, ["info"]);
  const isEnvironment = !!values && values.type === "array";
  if (!isCollection && !isEnvironment) return undefined;
  const storedVariables = [
    ...storedIn(values, span),
    ...(isCollection ? storedIn(findNodeAtLocation(root, ["variable"]), span) : []),
  ];
  if (!isCollection) return { payloads: [], storedVariables, testScripts: [] };
  const scripts = scriptsOf(workspace, source, root, "prerequest").map((unit) => unit.sf);
  const setters = variableSetters(workspace, scripts);
  const payloads: Payload[] = [];
  forEachRequest(root, (request) => {
    const payload = certificateRequest(request, span, setters, workspace);
    if (payload) payloads.push(payload);
  });
  return { payloads, storedVariables, testScripts: scriptsOf(workspace, source, root, "test") };
}

function storedIn(list: JsonNode | undefined, span: (n: JsonNode) => Span): StoredVariable[] {
  if (!list || list.type !== "array") return [];
  const out: StoredVariable[] = [];
  for (const entry of list.children ?? []) {
    const key = findNodeAtLocation(entry, ["key"]);
    const value = findNodeAtLocation(entry, ["value"]);
    const name = key && getNodeValue(key);
    const text = value && getNodeValue(value);
    if (typeof name === "string" && STORED_NAMES.test(name) && typeof text === "string" && text.trim()) {
      out.push({ name, value: text, span: span(value!) });
    }
  }
  return out;
}

function forEachRequest(node: JsonNode, visit: (request: JsonNode) => void): void {
  const items = findNodeAtLocation(node, ["item"]);
  for (const item of items?.type === "array" ? (items.children ?? []) : []) {
    const request = findNodeAtLocation(item, ["request"]);
    if (request?.type === "object") visit(request);
    forEachRequest(item, visit);
  }
}

/** Every script of one kind in the collection (collection, folders and requests), parsed as JavaScript. */
function scriptsOf(workspace: Workspace, host: SourceText, root: JsonNode, kind: "prerequest" | "test"): CodeUnit[] {
  const out: CodeUnit[] = [];
  let index = 0;
  const visit = (node: JsonNode): void => {
    const events = findNodeAtLocation(node, ["event"]);
    for (const event of events?.type === "array" ? (events.children ?? []) : []) {
      const listen = findNodeAtLocation(event, ["listen"]);
      const exec = findNodeAtLocation(event, ["script", "exec"]);
      if (!listen || getNodeValue(listen) !== kind || !exec) continue;
      const script = embeddedScript(host, exec);
      if (script) out.push(workspace.unitForEmbedded(script, `${host.absPath}.${kind}-${index++}.js`));
    }
    const items = findNodeAtLocation(node, ["item"]);
    for (const item of items?.type === "array" ? (items.children ?? []) : []) visit(item);
  };
  visit(root);
  return out;
}

/** The script text of an `exec` (an array of lines, or one string), each line mapped to where it is written. */
function embeddedScript(host: SourceText, exec: JsonNode): EmbeddedText | undefined {
  const lines: string[] = [];
  const origins: LineOrigin[] = [];
  const elements = exec.type === "array" ? (exec.children ?? []) : [exec];
  for (const element of elements) {
    if (typeof getNodeValue(element) !== "string") continue;
    // Decoded character by character, so each keeps the host offset of its (possibly escaped) spelling.
    const raw = host.text.slice(element.offset + 1, element.offset + element.length - 1);
    let line = "";
    let columns: number[] = [];
    let lineStart = element.offset + 1;
    const flush = () => {
      lines.push(line);
      origins.push({ ...host.position(lineStart), columns });
    };
    for (let i = 0; i < raw.length; ) {
      const [char, width] = decodedAt(raw, i);
      if (char === "\n" || char === "\r" || char === "\u2028" || char === "\u2029") {
        // The same line breaks the script's own positions count (source.ts), so lines map one to one.
        const crlf = char === "\r" && decodedAt(raw, i + width)[0] === "\n";
        i += width + (crlf ? decodedAt(raw, i + width)[1] : 0);
        flush();
        line = "";
        columns = [];
        lineStart = element.offset + 1 + i;
        continue;
      }
      columns.push(element.offset + 1 + i - lineStart);
      line += char;
      i += width;
    }
    flush();
  }
  return lines.length ? new EmbeddedText(host, lines.join("\n"), origins) : undefined;
}

/**
 * The offset in the host file of a position in the text a JSON string literal spells (`stringStart` is the
 * literal's opening quote): escapes (`\"`, `\n`, `\u00e9`) take more room in the file than in the text.
 */
export function hostOffsetInString(hostText: string, stringStart: number, decodedOffset: number): number {
  let i = stringStart + 1;
  for (let n = 0; n < decodedOffset && i < hostText.length; n++) i += decodedAt(hostText, i)[1];
  return i;
}

/** The character a JSON string spells at `i` of its raw text, and how many raw characters spell it. */
function decodedAt(raw: string, i: number): [string, number] {
  if (raw[i] !== "\\") return [raw[i] ?? "", 1];
  const next = raw[i + 1];
  const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };
  if (next === "u") return [String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0), 6];
  return [simple[next ?? ""] ?? next ?? "", 2];
}

type Setters = Map<string, { expr: TS.Expression; span: Span }[]>;

function variableSetters(workspace: Workspace, scripts: TS.SourceFile[]): Setters {
  const ts = tsApi();
  const out: Setters = new Map();
  for (const sf of scripts) {
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || !SETTERS.has(qualifiedName(node.expression) ?? "")) return;
      const name = stringLiteralText(node.arguments[0]);
      const value = node.arguments[1];
      const unit = workspace.unitOf(node);
      if (!name || !value || !unit) return;
      const list = out.get(name) ?? [];
      list.push({ expr: value, span: { source: unit.source, start: node.getStart(sf), end: node.end } });
      out.set(name, list);
    });
  }
  return out;
}

function certificateRequest(request: JsonNode, span: (n: JsonNode) => Span, setters: Setters, workspace: Workspace): Payload | undefined {
  const body = findNodeAtLocation(request, ["body"]);
  const rawNode = body && findNodeAtLocation(body, ["raw"]);
  const raw = rawNode && getNodeValue(rawNode);
  if (!body || typeof raw !== "string") return undefined;
  // Postman lets a variable stand unquoted for a value (`"encodedSignedData": {{sig}}`): read it as quoted.
  const json = parseTree(raw.replace(/([:[,]\s*)\{\{([^{}"]*)\}\}/g, '$1"{{$2}}"'), [], { allowTrailingComma: true });
  if (!json || json.type !== "object") return undefined;
  const fields = new Map<PayloadFieldName, PayloadField>();
  for (const name of PAYLOAD_FIELDS) {
    const node = findNodeAtLocation(json, [name]);
    if (!node) continue;
    const value = getNodeValue(node);
    const where = span(rawNode!);
    const variable = typeof value === "string" ? VARIABLE.exec(value)?.[1] : undefined;
    fields.set(name, {
      name,
      span: where,
      value: variable
        ? { kind: "variable", name: variable, span: where, setters: setters.get(variable) ?? [] }
        : { kind: "json", value, span: where },
    });
  }
  if (!fields.has("encodedData")) return undefined;
  const headers = headerEntries(request);
  const certHeader = headers.some((h) => h.key.toLowerCase() === "authorization" && /^\s*CACertificate\b/i.test(h.value));
  const url = requestUrl(request);
  const toAuth = url.includes(AUTH_PATH) || workspace.isAuthUrl(url);
  const unknownUrl = !toAuth && !/\/[A-Za-z]/.test(url.replace(/\{\{[^}]*\}\}/g, "").replace(/^[a-z]+:\/\/[^/]*/i, ""));
  if ((!toAuth && !unknownUrl) || !(fields.has("encodedSignedData") || certHeader)) return undefined;
  const formatHeader = headers.find((h) => h.key.toLowerCase() === "encodeddataformat");
  return { span: span(body), fields, formatHeader: formatHeader && span(formatHeader.node), rawBody: { text: raw, span: span(rawNode!) } };
}

function headerEntries(request: JsonNode): { key: string; value: string; node: JsonNode }[] {
  const list = findNodeAtLocation(request, ["header"]);
  if (!list || list.type !== "array") return [];
  return (list.children ?? []).flatMap((entry) => {
    const key = findNodeAtLocation(entry, ["key"]);
    const value = findNodeAtLocation(entry, ["value"]);
    const k = key && getNodeValue(key);
    const v = value && getNodeValue(value);
    return typeof k === "string" ? [{ key: k, value: typeof v === "string" ? v : "", node: entry }] : [];
  });
}

function requestUrl(request: JsonNode): string {
  const url = findNodeAtLocation(request, ["url"]);
  if (!url) return "";
  const value = getNodeValue(url);
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    if (typeof value.raw === "string") return value.raw;
    const path = Array.isArray(value.path) ? `/${value.path.map(segmentText).join("/")}` : "";
    const host = Array.isArray(value.host) ? value.host.map(segmentText).join(".") : "";
    return `${host}${path}`;
  }
  return "";
}

/** A URL host or path segment: a string, or `{ type, value }` as Postman also writes them. */
function segmentText(segment: unknown): string {
  if (typeof segment === "string") return segment;
  const value = segment && typeof segment === "object" ? (segment as { value?: unknown }).value : undefined;
  return typeof value === "string" ? value : "";
}
