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
import { TOOL_NAME, TOOL_VERSION, ruleDocsUrl } from "./package-info.js";
import type { Finding, Fix, RunResult } from "./types.js";
import { rules } from "../rules/index.js";

export const PLUGIN_PREFIX = "anaplan-auth";

// One run per file text, shared by the plugin's rules; the SourceCode object is the same for all of them.
const runs = new WeakMap<SourceCode, RunResult>();

/** The findings of the file ESLint is linting; findings in the files it reads (a stored JSON) are that file's. */
function findingsFor(context: ESLintRule.RuleContext): Finding[] {
  const sourceCode = context.sourceCode;
  let result = runs.get(sourceCode);
  if (!result) {
    const cwd = context.cwd;
    const absPath = path.resolve(cwd, context.physicalFilename ?? context.filename);
    const text = sourceCode.text;
    const reader: FileReader = {
      // The text ESLint holds (perhaps unsaved, or from an editor), not what is on disk.
      read: (p) => (p === absPath ? { text } : nodeFileReader.read(p)),
      isFile: (p) => p === absPath || nodeFileReader.isFile(p),
    };
    const outsideProject = (p: string) => p.split(path.sep).includes("node_modules");
    result = lintFiles({ cwd, paths: [absPath], reader }, { files: [absPath], isExcluded: outsideProject });
      runs.set(sourceCode, result);
  }
  const own = path.relative(context.cwd, path.resolve(context.cwd, context.physicalFilename ?? context.filename)).split(path.sep).join("/");
  return result.findings.filter((f) => f.file === own);
}

function toEslintFix(fix: Fix): ESLintRule.ReportFixer {
  return (fixer) => fix.edits.map((edit) => fixer.replaceTextRange([edit.range.start.offset, edit.range.end.offset], edit.text));
}

function report(context: ESLintRule.RuleContext, finding: Finding): void {
  context.report({
    message: finding.message,
    loc: { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } },
    ...(finding.fix ? { fix: toEslintFix(finding.fix) } : {}),
    ...(finding.suggestions?.length ? { suggest: finding.suggestions.map((s) => ({ desc: s.description, fix: toEslintFix(s) })) } : {}),
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
      schema: [],
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
  rules: Object.fromEntries(rules.map((r) => [`${PLUGIN_PREFIX}/${r.meta.id}`, "error"])),
};

export default plugin;
