import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatStylish } from "../src/report/stylish.js";
import type { RunResult } from "../src/types.js";

const result: RunResult = {
  version: "0.1.0",
  findings: [
    {
      ruleId: "encoded-data-format",
      messageId: "missing",
      severity: "error",
      file: "src/a.ts",
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 5,
      message: "m",
      docs: "https://example.invalid/docs",
    },
  ],
  suppressed: [],
  notices: [{ kind: "parse-error", file: "src/b.ts", line: 4, message: "syntax error: ')' expected" }],
  summary: { files: 2, parsed: 2, errors: 1, warnings: 0, infos: 0 },
};

describe("stylish", () => {
  it("colours only when asked", () => {
    const source = () => "const a = 1;\n  x();\n";
    assert.match(formatStylish(result, { color: true, sourceOf: source }), /\u001b\[31merror/);
    assert.doesNotMatch(formatStylish(result, { color: false, sourceOf: source }), /\u001b\[/);
  });

  it("prints notices after the findings, and the summary last", () => {
    const out = formatStylish(result, { color: false, sourceOf: () => undefined });
    assert.equal(
      out,
      [
        "src/a.ts",
        "src/a.ts:2:3  error  m  encoded-data-format",
        "",
        "Notices (what the tool could not do):",
        "  src/b.ts:4  parse-error  syntax error: ')' expected",
        "",
        "✖ 1 problem (1 error, 0 warnings, 0 info) in 2 files scanned",
        "",
      ].join("\n"),
    );
  });
});
