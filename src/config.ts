// The configuration file: anaplan-auth-lint.config.json, .anaplan-auth-lintrc.json or the "anaplan-auth-lint"
// key of package.json, found from the working directory upward (or named with --config), validated with
// ajv against the schema the package ships. A bad file is a usage error with the path and what was expected.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Ajv as AjvInstance } from "ajv";
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import { FileText } from "./source.js";
import { parseJsonData, parseYamlData } from "./parse/data.js";
import { patterns } from "./discover.js";
import { UsageError } from "./errors.js";
import { stripBom } from "./files.js";
import type { RuleLevel } from "./engine.js";
import type { Finding, SuppressedFinding } from "./types.js";

export interface IgnoreEntry {
  file: string;
  rule?: string;
  pointer?: string;
  reason?: string;
}

export interface RuleOverride {
  /** .gitignore-style patterns, relative to the configuration file. */
  files: string[];
  rules: Record<string, RuleLevel>;
}

export interface Config {
  rules?: Record<string, RuleLevel>;
  ignorePatterns?: string[];
  include?: string[];
  ignore?: IgnoreEntry[];
  overrides?: RuleOverride[];
  endpoints?: string[];
  cache?: boolean;
  cacheLocation?: string;
  jobs?: number;
  maxFileSize?: number;
}

export interface LoadedConfig {
  /** The file it came from; undefined when none was found. */
  file?: string;
  config: Config;
  /** Other configurations in the same folder, which lose to `file` and are not read. */
  shadowed?: string[];
}

const FILE_NAMES = ["anaplan-auth-lint.config.json", ".anaplan-auth-lintrc.json"];
const load = createRequire(import.meta.url);

/** The configurations a folder holds, in the order they win: the two file names, then package.json's key. */
export function configsIn(dir: string): { file: string; config: () => Config }[] {
  const out: { file: string; config: () => Config }[] = [];
  for (const name of FILE_NAMES) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) out.push({ file, config: () => readConfig(file) });
  }
  const pkg = path.join(dir, "package.json");
  if (fs.existsSync(pkg)) {
    const value = parseFile(pkg) as Record<string, unknown> | undefined;
    if (value && typeof value === "object" && "anaplan-auth-lint" in value) out.push({ file: pkg, config: () => validated(value["anaplan-auth-lint"], `${pkg} ("anaplan-auth-lint")`) });
  }
  return out;
}

export function findConfig(cwd: string): LoadedConfig {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const [first, ...others] = configsIn(dir);
    if (first) return { file: first.file, config: first.config(), shadowed: others.map((o) => o.file) };
    if (path.dirname(dir) === dir) return { config: {} };
  }
}

export function readConfig(file: string): Config {
  return validated(parseFile(file), file);
}

function parseFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const errors: ParseError[] = [];
  text = stripBom(text);
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) throw new UsageError(`${file} is not valid JSON: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  // A parsed "__proto__" key would set the object's prototype, hidden from validation.
  if (/"__proto__"\s*:/.test(text)) throw new UsageError(`invalid configuration in ${file}: the key "__proto__" is not allowed`);
  return value;
}

let validator: ReturnType<AjvInstance["compile"]> | undefined;

function validated(value: unknown, where: string): Config {
  if (!validator) {
    const AjvClass = load("ajv").default as new (o: object) => AjvInstance;
    validator = new AjvClass({ allErrors: true, strict: true }).compile(load("../../schemas/config.schema.json"));
  }
  if (!validator(value)) {
    const first = validator.errors?.[0];
    const at = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, ".") : "(the top level)";
    const detail =
      first?.keyword === "additionalProperties" ? `has an unknown key "${(first.params as { additionalProperty: string }).additionalProperty}"`
      : first?.keyword === "enum" ? `must be one of ${(first.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
      : first?.message ?? "is invalid";
    throw new UsageError(`invalid configuration in ${where}: ${at} ${detail}`);
  }
  return value as Config;
}

/** Findings the configuration's `ignore` entries set aside, by file pattern, rule and JSON Pointer. */
export function applyIgnoreEntries(findings: Finding[], entries: readonly IgnoreEntry[], base: string, cwd: string, textOf: (file: string) => string | undefined): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  if (!entries.length) return { kept: findings, suppressed: [] };
  const matchers = entries.map((entry) => ({ entry, files: patterns(entry.file) }));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const relative = path.relative(base, path.resolve(cwd, f.file)).split(path.sep).join("/");
    const hit = matchers.find(({ entry, files }) => !relative.startsWith("..") && files.ignores(relative) && (!entry.rule || entry.rule === f.ruleId) && (!entry.pointer || insidePointer(textOf(f.file), f, entry.pointer)));
    if (hit) suppressed.push({ ...f, suppression: { kind: "config", ...(hit.entry.reason ? { justification: hit.entry.reason } : {}) } });
    else kept.push(f);
  }
  return { kept, suppressed };
}

/** Whether a finding in a JSON or YAML file lies inside the part a JSON Pointer names. */
function insidePointer(text: string | undefined, f: Finding, pointer: string): boolean {
  if (text === undefined) return false;
  const source = new FileText(f.file, f.file, text, "data");
  const parsed = /\.ya?ml$/i.test(f.file) ? parseYamlData(source) : parseJsonData(source);
  const tokens = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const offset = offsetOf(text, f.line, f.column);
  return parsed.documents.some((doc) => {
    if (!tokens.length) return true;
    // Walk to the holder of the last token; the span of its value is the part the pointer names.
    let holder: unknown = doc.value;
    for (const token of tokens.slice(0, -1)) {
      holder = holder && typeof holder === "object" ? (holder as Record<string, unknown>)[Array.isArray(holder) ? Number(token) : token] : undefined;
    }
    if (!holder || typeof holder !== "object") return false;
    const last = tokens[tokens.length - 1];
    const span = doc.valueSpan(holder, Array.isArray(holder) ? Number(last) : last);
    return !!span && offset >= span.start && offset <= span.end;
  });
}

/** The offset of a 1-based line and column, counting lines as data files do (CR, LF, CRLF). */
function offsetOf(text: string, line: number, column: number): number {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let l = 1; l < line; l++) {
    const m = breaks.exec(text);
    if (!m) break;
    start = m.index + m[0].length;
  }
  return start + column - 1;
}
