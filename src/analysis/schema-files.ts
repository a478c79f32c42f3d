// JSON and YAML files that may be JSON Schemas or OpenAPI documents: parsed with positions kept, measured for
// nesting before parsing (yaml's parser can exhaust the stack on absurd nesting), then evaluated.
import { parseJsonData, parseYamlData } from "../parse/data.js";
import type { SourceText } from "../source.js";
import { judgeSchemaDocument } from "./json-schema.js";
import type { TokenValidatorFault } from "./validators/model.js";
import type { Workspace } from "./workspace.js";
import { MAX_NESTING } from "../files.js";


export function isDataFile(path: string): "json" | "yaml" | undefined {
  if (/\.json$/i.test(path)) return "json";
  if (/\.ya?ml$/i.test(path)) return "yaml";
  return undefined;
}

export function schemaFileFaults(workspace: Workspace, source: SourceText, kind: "json" | "yaml"): TokenValidatorFault[] {
  const depth = nestingOf(source.text, kind);
  if (depth > MAX_NESTING) {
    workspace.notices.push({ kind: "too-deep", file: source.file, message: `nested ${depth} levels deep (more than ${MAX_NESTING}), so not read` });
    return [];
  }
  const parsed = kind === "json" ? parseJsonData(source) : parseYamlData(source);
  if (parsed.error) {
    workspace.notices.push({ kind: "parse-error", file: source.file, line: source.position(parsed.error.offset).line, message: `${parsed.error.message} (what parsed was still read)` });
  }
  const faults: TokenValidatorFault[] = [];
  for (const doc of parsed.documents) {
    const verdict = judgeSchemaDocument(doc, { label: kind === "yaml" ? "YAML schema" : "schema" });
    faults.push(...verdict.faults);
    for (const notice of verdict.notices) workspace.notices.push({ ...notice, file: source.file });
  }
  return faults;
}

/**
 * How deeply a text nests, found without parsing: brackets outside strings, and for YAML also indentation.
 * An overestimate is harmless; it only has to catch the absurd.
 */
export function nestingOf(text: string, kind: "json" | "yaml"): number {
  let depth = 0;
  let max = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      else if (c === "\n" && kind === "yaml") quote = "";
      continue;
    }
    if (c === '"' || (kind === "yaml" && c === "'")) quote = c;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth = Math.max(0, depth - 1);
  }
  if (kind === "yaml") {
    // Block nesting: the stack of indentations open at each line (a "- " item opens a level too).
    const open: number[] = [];
    for (const m of text.matchAll(/^( *)((?:- +)*)[^\s#]/gm)) {
      const indent = m[1].length;
      while (open.length && open[open.length - 1] >= indent) open.pop();
      open.push(indent);
      max = Math.max(max, open.length + m[2].split("-").length - 1);
    }
  }
  return max;
}
