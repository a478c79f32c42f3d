// Rule tests in the shape of ESLint's RuleTester: each case is a small project written to a temporary folder;
// invalid cases list the exact findings (messageId, location, severity) the rule must report, valid cases none.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { lint } from "../../src/engine.js";
import { lintAndFix } from "../../src/fix/runner.js";
import type { Rule } from "../../src/rule.js";
import type { Finding, Severity } from "../../src/types.js";
import { scratchDir } from "./scratch.js";

/** Either one file (`code`, written as `filename`, default src/auth.ts) or a whole project (`files`). */
export interface ValidCase {
  name: string;
  code?: string;
  filename?: string;
  files?: Record<string, string>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column?: number;
  endLine?: number;
  /** The exact message, as ESLint's RuleTester checks it. */
  message?: string;
  /** Defaults to the rule's default severity. */
  severity?: Severity;
  /** Defaults to the case's filename. */
  file?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The file's exact text after --fix (ESLint's `output`); null: --fix changes nothing. */
  output?: string | null;
  /** The same, for projects: each file's text after --fix (files not named must not change). */
  outputs?: Record<string, string>;
  /** Fix with --unsafe-fixes too (apply the first suggestion where there is no fix). */
  unsafe?: boolean;
}

export function writeProject(testCase: ValidCase): string {
  const dir = scratchDir("aal-rule-");
  const files = testCase.files ?? { [testCase.filename ?? "src/auth.ts"]: testCase.code ?? "" };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** Each file's text after fixing the case's project with the rule, and whether a second --fix would change it. */
export async function fixedTexts(rule: Rule, testCase: InvalidCase): Promise<{ texts: Record<string, string>; stable: boolean }> {
  const dir = writeProject(testCase);
  try {
    await lintAndFix({ cwd: dir, paths: ["."], rules: [rule], unsafe: testCase.unsafe });
    const second = await lintAndFix({ cwd: dir, paths: ["."], rules: [rule], unsafe: testCase.unsafe, dryRun: true });
    const files = testCase.files ?? { [testCase.filename ?? "src/auth.ts"]: testCase.code ?? "" };
    const texts = Object.fromEntries(Object.keys(files).map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
    return { texts, stable: (second.result.dryRun ?? []).length === 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function findingsFor(rule: Rule, testCase: ValidCase): Promise<Finding[]> {
  const dir = writeProject(testCase);
  try {
    const result = await lint({ cwd: dir, paths: ["."], rules: [rule] });
    return result.findings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.messageId}`;
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe("valid", () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const findings = await findingsFor(rule, testCase);
          assert.deepEqual(findings.map(describeFinding), [], "a valid case must produce no finding");
        });
      }
    });
    describe("invalid", () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const findings = await findingsFor(rule, testCase);
          const defaultFile = testCase.files ? undefined : (testCase.filename ?? "src/auth.ts");
          // Findings come sorted by file, line, column; expected errors are listed in that order, as in ESLint.
          const actual = findings.map((f, i) => {
            const expected = testCase.errors[i];
            return {
              messageId: f.messageId,
              line: f.line,
              ...(expected?.column !== undefined ? { column: f.column } : {}),
              ...(expected?.endLine !== undefined ? { endLine: f.endLine } : {}),
              ...(expected?.message !== undefined ? { message: f.message } : {}),
              severity: f.severity,
              file: f.file,
            };
          });
          const wanted = testCase.errors.map((e) => ({
            messageId: e.messageId,
            line: e.line,
            ...(e.column !== undefined ? { column: e.column } : {}),
            ...(e.endLine !== undefined ? { endLine: e.endLine } : {}),
            ...(e.message !== undefined ? { message: e.message } : {}),
            severity: e.severity ?? rule.meta.severity,
            file: e.file ?? defaultFile,
          }));
          assert.deepEqual(actual, wanted);
          if (testCase.output !== undefined || testCase.outputs) {
            const { texts, stable } = await fixedTexts(rule, testCase);
            const files = testCase.files ?? { [testCase.filename ?? "src/auth.ts"]: testCase.code ?? "" };
            const expected = testCase.outputs
              ? { ...files, ...testCase.outputs }
              : { ...files, [defaultFile ?? Object.keys(files)[0]]: testCase.output ?? files[defaultFile ?? Object.keys(files)[0]] };
            assert.deepEqual(texts, expected, "the text after --fix");
            assert.ok(stable, "a second --fix must change nothing");
          }
        });
      }
    });
  });
}
