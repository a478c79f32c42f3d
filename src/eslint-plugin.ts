// The rules as an ESLint 9/10 plugin, for teams that run everything through ESLint:
//   import anaplanAuth from "anaplan-auth-lint/eslint-plugin";
//   export default [anaplanAuth.configs.recommended];
// Each ESLint rule reports the findings of the rule of the same id, with its fix and suggestions. The text
// ESLint holds is analysed once per file (every rule of the plugin shares that one run), with this tool's own
// parser: ESLint's syntax tree is not used, so any ESLint parser works.
import path from "node:path";
import type { ESLint, Rule as ESLintRule, Linter, SourceCode } from "eslint";
import { lintFiles } from "./engine.js";
import { type FileReader, nodeFileReader } from "./files.js";
import { eolOf, withEol } from "./fix/apply.js";
import { TOOL_NAME, TOOL_VERSION, ruleDocsUrl } from "./package-info.js";
import type { Finding, Fix, RunResult } from "./types.js";
import { rules } from "../rules/index.js";

export const PLUGIN_PREFIX = "anaplan-auth";

// One run per file text and endpoints option, shared by the plugin's rules; the SourceCode object is the same
// for all of them.
const runs = new WeakMap<SourceCode, Map<string, RunResult>>();

/** The findings of the file ESLint is linting; findings in the files it reads (a stored JSON) are that file's. */
function findingsFor(context: ESLintRule.RuleContext): Finding[] {
  const sourceCode = context.sourceCode;
  const cwd = context.cwd;
  const absPath = path.resolve(cwd, context.physicalFilename ?? context.filename);
  const endpoints = (context.options[0] as { endpoints?: string[] } | undefined)?.endpoints ?? [];
  const byOptions = runs.get(sourceCode) ?? new Map<string, RunResult>();
  runs.set(sourceCode, byOptions);
  let result = byOptions.get(JSON.stringify(endpoints));
  if (!result) {
    const text = sourceCode.text;
    const reader: FileReader = {
      // The text ESLint holds (perhaps unsaved, or from an editor), not what is on disk.
      read: (p) => (p === absPath ? { text } : nodeFileReader.read(p)),
      isFile: (p) => p === absPath || nodeFileReader.isFile(p),
    };
    const outsideProject = (p: string) => p.split(path.sep).includes("node_modules");
    const config = { base: cwd, ignorePatterns: [], ignore: [], endpoints };
    result = lintFiles({ cwd, paths: [absPath], reader, config }, { files: [absPath], isExcluded: outsideProject });
    byOptions.set(JSON.stringify(endpoints), result);
  }
  const own = path.relative(cwd, absPath).split(path.sep).join("/");
  return result.findings.filter((f) => f.file === own);
}

function toEslintFix(fix: Fix, eol: "\n" | "\r\n"): ESLintRule.ReportFixer {
  return (fixer) => fix.edits.map((edit) => fixer.replaceTextRange([edit.range.start.offset, edit.range.end.offset], withEol(edit.text, eol)));
}

function report(context: ESLintRule.RuleContext, finding: Finding): void {
  // Inserted lines take the file's line endings, as --fix writes them.
  const eol = eolOf(context.sourceCode.text);
  context.report({
    message: finding.message,
    loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
    ...(finding.fix ? { fix: toEslintFix(finding.fix, eol) } : {}),
    ...(finding.suggestions?.length ? { suggest: finding.suggestions.map((s) => ({ desc: s.description, fix: toEslintFix(s, eol) })) } : {}),
  });
}

function eslintRule(id: string): ESLintRule.RuleModule {
  const rule = rules.find((r) => r.meta.id === id)!;
  return {
    meta: {
      type: "problem",
      docs: { description: rule.meta.summary, url: ruleDocsUrl(id) },
      fixable: rule.meta.fix === "never" ? undefined : "code",
      hasSuggestions: true,
      // The configuration file's `endpoints`: more URLs that count as the login endpoint (gateways, proxies).
      schema: [{ type: "object", additionalProperties: false, properties: { endpoints: { type: "array", items: { type: "string", minLength: 1 } } } }],
    },
    create(context) {
      return {
        "Program:exit"() {
          // Info findings say what could not be verified; ESLint has no severity below warning for them.
          for (const finding of findingsFor(context)) if (finding.ruleId === id && finding.severity !== "info") report(context, finding);
        },
      };
    },
  };
}

const pluginRules = Object.fromEntries(rules.map((r) => [r.meta.id, eslintRule(r.meta.id)]));

const plugin = {
  meta: { name: `${TOOL_NAME}/eslint-plugin`, version: TOOL_VERSION },
  rules: pluginRules,
  configs: {} as Record<string, Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: `${PLUGIN_PREFIX}/recommended`,
  files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
  plugins: { [PLUGIN_PREFIX]: plugin },
  // Each rule at its own severity: required-refresh-token warns, as it does on the command line.
  rules: Object.fromEntries(rules.map((r) => [`${PLUGIN_PREFIX}/${r.meta.id}`, r.meta.severity === "error" ? "error" : "warn"])),
};

export default plugin;
