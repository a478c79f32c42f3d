// The configuration file: anaplan-auth-lint.config.json, .anaplan-auth-lintrc.json or the "anaplan-auth-lint"
// key of package.json, found from the working directory upward (or named with --config), validated with
// ajv against the schema the package ships. A bad file is a usage error with the path and what was expected.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Ajv as AjvInstance } from "ajv";
import { getLocation, type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import ignore from "ignore";
import { UsageError } from "./errors.js";
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
}

export interface LoadedConfig {
  /** The file it came from; undefined when none was found. */
  file?: string;
  config: Config;
}

const FILE_NAMES = ["anaplan-auth-lint.config.json", ".anaplan-auth-lintrc.json"];
const load = createRequire(import.meta.url);

export function findConfig(cwd: string): LoadedConfig {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of FILE_NAMES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return { file, config: readConfig(file) };
    }
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      const value = parseFile(pkg) as Record<string, unknown> | undefined;
      if (value && typeof value === "object" && "anaplan-auth-lint" in value) return { file: pkg, config: validated(value["anaplan-auth-lint"], `${pkg} ("anaplan-auth-lint")`) };
    }
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
  const matchers = entries.map((entry) => ({ entry, files: ignore().add(entry.file) }));
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

/** Whether a finding in a JSON file lies inside the part a JSON Pointer names. */
function insidePointer(text: string | undefined, f: Finding, pointer: string): boolean {
  if (text === undefined) return false;
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < f.line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  const location = getLocation(text, offset + f.column - 1).path.map(String);
  const wanted = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return wanted.every((part, i) => location[i] === part);
}
