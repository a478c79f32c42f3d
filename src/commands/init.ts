// `anaplan-auth-lint init`: writes a starter configuration in the working directory (never over an existing
// one) and prints the pre-commit and CI snippets to paste.
import fs from "node:fs";
import path from "node:path";
import yargs from "yargs";
import { UsageError } from "../errors.js";
import { TOOL_NAME, TOOL_VERSION } from "../package-info.js";
import { rules } from "../../rules/index.js";
import { configsIn } from "../config.js";

export const STARTER_CONFIG_NAME = "anaplan-auth-lint.config.json";

export function starterConfig(): string {
  const config = {
    $schema: "./node_modules/anaplan-auth-lint/schemas/config.schema.json",
    rules: Object.fromEntries(rules.map((r) => [r.meta.id, "error"])),
    ignorePatterns: [],
    ignore: [],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

const SNIPPETS = `Next steps:

  pre-commit (.pre-commit-config.yaml):
    repos:
      - repo: https://github.com/anaplan-auth-lint/anaplan-auth-lint
        rev: v${TOOL_VERSION}
        hooks:
          - id: ${TOOL_NAME}

  husky + lint-staged (package.json):
    "lint-staged": { "*.{ts,tsx,js,jsx,mjs,cjs,json,yaml,yml}": "${TOOL_NAME}" }

  GitHub Actions:
    - run: npx ${TOOL_NAME} --format sarif --output-file ${TOOL_NAME}.sarif . || true
    - uses: github/codeql-action/upload-sarif@v3
      with: { sarif_file: ${TOOL_NAME}.sarif }
    - run: npx ${TOOL_NAME} .

  GitLab CI:
    ${TOOL_NAME}:
      script: npx ${TOOL_NAME} --format gitlab --output-file gl-code-quality.json .
      artifacts: { reports: { codequality: gl-code-quality.json }, when: always }

  A codebase with many findings can start from a baseline and block only new ones:
    npx ${TOOL_NAME} --write-baseline ${TOOL_NAME}.baseline.json .
    npx ${TOOL_NAME} --baseline ${TOOL_NAME}.baseline.json .
`;

export async function initCommand(argv: string[], cwd: string): Promise<number> {
  await yargs(argv)
    .scriptName(`${TOOL_NAME} init`)
    .usage(`$0\n\nWrites ${STARTER_CONFIG_NAME} here and prints the pre-commit and CI snippets.`)
    .strict()
    .fail((message, error) => {
      throw error instanceof UsageError ? error : new UsageError((message || error?.message || "bad usage").replace(/\s*\n\s*/g, " "));
    })
    .parseAsync();
  const file = path.join(cwd, STARTER_CONFIG_NAME);
  // Another configuration here would lose to the new file without a word: the user's settings silently gone.
  const existing = configsIn(cwd).find((c) => c.file !== file);
  if (existing) throw new UsageError(`a configuration already exists here (${path.basename(existing.file)}); edit it instead`);
  try {
    // "wx": fails when the file exists, so an existing configuration is never overwritten.
    fs.writeFileSync(file, starterConfig(), { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new UsageError(`${STARTER_CONFIG_NAME} already exists here; edit it, or remove it to start anew`);
    // Created but not written whole (a full disk): no half-written configuration is left behind.
    fs.rmSync(file, { force: true });
    throw new UsageError(`cannot write ${file}: ${code ?? String(error)}`);
  }
  process.stdout.write(`Wrote ${STARTER_CONFIG_NAME}.\n\n${SNIPPETS}`);
  return 0;
}
