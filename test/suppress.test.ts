// Inline suppressions: the next line, the same line, the rest of the file, with a reason; per rule or all;
// `#` in YAML. Suppressed findings go to `suppressed` and never count; unused directives can be reported.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const SEND = (n: number) => `await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data${n}.toString("base64"), encodedSignedData: sig${n} });`;

interface Out {
  findings: { ruleId: string; line: number }[];
  suppressed: { ruleId: string; line: number; suppression: { kind: string; justification?: string } }[];
  summary: { errors: number; warnings: number };
}

// The snippets' buffers are undefined on purpose: only the format rule is looked at here.
const ONLY_FORMAT = ["--rule", "encoded-data-timestamp=off", "--rule", "signature-data-mismatch=off"];

function scan(files: Record<string, string>, args: string[] = []): { status: number | null; out: Out } {
  const r = runCli(["--format", "json", ...ONLY_FORMAT, ...args, "."], writeProject({ name: "suppress", files }));
  return { status: r.status, out: JSON.parse(r.stdout) as Out };
}

describe("inline suppressions", () => {
  it("disable-next-line with a reason, disable-line, and disable for the rest of the file", () => {
    const { status, out } = scan({
      "a.ts": [
        `import axios from "axios";`,
        `// anaplan-auth-lint-disable-next-line encoded-data-format -- legacy endpoint, removed in Q1`,
        SEND(1),
        `${SEND(2)} // anaplan-auth-lint-disable-line encoded-data-format`,
        SEND(3),
        `/* anaplan-auth-lint-disable encoded-data-format */`,
        SEND(4),
      ].join("\n"),
    });
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.line]), [["encoded-data-format", 5]]);
    assert.deepEqual(out.suppressed.map((f) => [f.line, f.suppression.kind, f.suppression.justification ?? null]), [[3, "inline", "legacy endpoint, removed in Q1"], [4, "inline", null], [7, "inline", null]]);
    assert.equal(out.summary.errors, 1);
    assert.equal(status, 1);
  });

  it("a directive for another rule suppresses nothing; one without a rule id suppresses all", () => {
    const { out } = scan({ "a.ts": `import axios from "axios";\n// anaplan-auth-lint-disable-next-line static-encoded-data\n${SEND(1)}\n// anaplan-auth-lint-disable-next-line\n${SEND(2)}\n` });
    assert.deepEqual(out.findings.map((f) => f.line), [3]);
    assert.deepEqual(out.suppressed.map((f) => f.line), [5]);
  });

  it("# comments in YAML", () => {
    const { out, status } = scan({ "s.yaml": `type: object\nproperties:\n  tokenId: { type: string }\n  tokenValue: { type: string }\n# anaplan-auth-lint-disable-next-line strict-token-response -- we pin the contract\nadditionalProperties: false\n` });
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.suppressed.map((f) => [f.ruleId, f.line]), [["strict-token-response", 6]]);
    assert.equal(status, 0);
  });

  it("--report-unused-disable warns about directives that suppress nothing, also in files without findings", () => {
    const { out } = scan({ "a.ts": `// anaplan-auth-lint-disable-next-line encoded-data-format\nexport const x = 1;\n` }, ["--report-unused-disable"]);
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.line]), [["unused-disable", 1]]);
    assert.equal(out.summary.warnings, 1);
  });

  it("enable ends a disable for its rules; a misspelt directive suppresses nothing and is reported", () => {
    const { out } = scan(
      {
        "a.ts": [
          `import axios from "axios";`,
          `/* anaplan-auth-lint-disable encoded-data-format */`,
          SEND(1),
          `/* anaplan-auth-lint-enable encoded-data-format */`,
          SEND(2),
          `// anaplan-auth-lint-disable-nextline encoded-data-format`,
          SEND(3),
        ].join("\n"),
      },
      ["--report-unused-disable"],
    );
    assert.deepEqual(out.suppressed.map((f) => f.line), [3]);
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.line]), [["encoded-data-format", 5], ["unused-disable", 6], ["encoded-data-format", 7]]);
  });

  it("--report-unused-disable leaves alone directives for rules the run turned off", () => {
    const files = { "a.ts": `// anaplan-auth-lint-disable-next-line encoded-data-timestamp\nexport const x = 1;\n` };
    assert.deepEqual(scan(files, ["--report-unused-disable"]).out.findings, []);
  });

  it("the same words inside a string, a template or a YAML block scalar are text, not a directive", () => {
    const code = scan({
      "a.ts": [`import axios from "axios";`, `const note = "/* anaplan-auth-lint-disable */";`, "const t = `", "// anaplan-auth-lint-disable-next-line", "`;", SEND(1)].join("\n"),
    });
    assert.deepEqual(code.out.findings.map((f) => f.line), [6]);
    assert.deepEqual(code.out.suppressed, []);
    const yaml = scan({ "s.yaml": `type: object\ndescription: |\n  # anaplan-auth-lint-disable-next-line\nadditionalProperties: false\nproperties:\n  tokenId: { type: string }\n  tokenValue: { type: string }\n` });
    assert.deepEqual(yaml.out.findings.map((f) => f.ruleId), ["strict-token-response"]);
  });
});
