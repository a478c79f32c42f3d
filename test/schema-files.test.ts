// Schema files that ajv or the parsers cannot take as they are: each run completes, the problem is a notice,
// and what can still be judged is judged.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const TOKEN_PROPS = { tokenId: { type: "string" }, tokenValue: { type: "string" }, expiresAt: { type: "integer" }, refreshTokenId: { type: "string" } };

interface Output {
  findings: { ruleId: string; file: string; line: number }[];
  notices: { kind: string; file: string; message: string }[];
}

function scan(files: Record<string, string>): { status: number | null; out: Output } {
  const r = runCli(["--format", "json", "."], writeProject({ name: "schemas", files }));
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.equal(r.stderr, "");
  return { status: r.status, out: JSON.parse(r.stdout) as Output };
}

describe("schema files", { timeout: 60_000 }, () => {
  it("a remote $ref is never fetched: a notice, and the rest of the document is still judged", () => {
    const { out } = scan({
      "auth.schema.json": JSON.stringify({
        type: "object",
        properties: { status: {}, tokenInfo: { type: "object", properties: TOKEN_PROPS, additionalProperties: false }, meta: { $ref: "https://schemas.example.com/meta.json" } },
      }),
    });
    assert.deepEqual(out.notices.map((n) => n.kind), ["remote-ref"]);
    assert.match(out.notices[0].message, /https:\/\/schemas\.example\.com\/meta\.json/);
  });

  it("a schema that makes ajv throw is a schema-compile-error notice, never a finding", () => {
    const { status, out } = scan({ "token.schema.json": JSON.stringify({ type: 12, properties: TOKEN_PROPS, additionalProperties: false }) });
    assert.equal(status, 0);
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.notices.map((n) => n.kind), ["schema-compile-error"]);
  });

  it("an unknown $schema is a notice, and the schema is judged as draft-07", () => {
    const { out } = scan({ "token.schema.json": JSON.stringify({ $schema: "https://example.com/my-own-draft", type: "object", properties: TOKEN_PROPS, additionalProperties: false }) });
    assert.deepEqual(out.notices.map((n) => n.kind), ["unknown-draft"]);
    assert.deepEqual(out.findings.map((f) => f.ruleId), ["strict-token-response"]);
  });

  it("circular $refs and a hostile pattern finish", () => {
    const { out } = scan({
      "token.schema.json": JSON.stringify({
        definitions: { Node: { type: "object", properties: { next: { $ref: "#/definitions/Node" } } } },
        type: "object",
        properties: { ...TOKEN_PROPS, tokenValue: { type: "string", pattern: "^(a+)+$" }, chain: { $ref: "#/definitions/Node" } },
        additionalProperties: false,
      }),
    });
    assert.deepEqual(out.findings.map((f) => f.ruleId), ["strict-token-response"]);
  });

  it("multi-document YAML: each document is judged", () => {
    const { out } = scan({
      "schemas.yaml": `type: object\nproperties: { name: { type: string } }\n---\ntype: object\nproperties:\n  tokenId: { type: string }\n  tokenValue: { type: string }\nadditionalProperties: false\n`,
    });
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.line]), [["strict-token-response", 8]]);
  });

  it("invalid YAML and JSON are parse-error notices", () => {
    const { out } = scan({ "a.yaml": "tokenId: [unclosed\nadditionalProperties: false\n", "b.json": '{"tokenId": {}, "additionalProperties": false' });
    assert.deepEqual(out.notices.map((n) => [n.file, n.kind]), [["a.yaml", "parse-error"], ["b.json", "parse-error"]]);
  });

  it("YAML nested absurdly deep is skipped before parsing, with a too-deep notice", () => {
    const deep = Array.from({ length: 1500 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
    const { out } = scan({ "deep.yaml": `tokenId: x\nadditionalProperties: false\n${deep} 1\n`, "flow.yaml": `tokenValue: ${"[".repeat(5000)}${"]".repeat(5000)}\nstrict: true\n` });
    assert.deepEqual(out.notices.map((n) => [n.file, n.kind]), [["deep.yaml", "too-deep"], ["flow.yaml", "too-deep"]]);
  });

  it("a YAML alias bomb stays bounded", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(10).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const { out } = scan({ "bomb.yaml": `tokenId: 1\nadditionalProperties: false\n${levels.join("\n")}\n` });
    assert.deepEqual(out.findings, []);
  });

  it("a YAML alias bomb of large lists stays bounded in memory", () => {
    const list = Array(20_000).fill("1").join(",");
    const aliases = Array(999).fill("*a").join(",");
    const { out } = scan({ "bomb.yaml": `a: &a [${list}]\nb: [${aliases}]\nproperties: {tokenId: {}, tokenValue: {}}\nadditionalProperties: false\n` });
    assert.deepEqual(out.findings.map((f) => f.ruleId), ["strict-token-response"]);
  });

  it("key patterns that could backtrack without end are not run, with a notice", () => {
    const hostile = `^(${".*".repeat(40)})X$`;
    const { out } = scan({
      "a.schema.json": JSON.stringify({ type: "object", properties: { tokenId: {}, tokenValue: {} }, patternProperties: { [hostile]: {} }, additionalProperties: false }),
      "b.schema.json": JSON.stringify({ type: "object", properties: { tokenId: {}, tokenValue: {} }, propertyNames: { pattern: "^(a+)+$" } }),
    });
    assert.deepEqual(out.notices.map((n) => [n.file, n.kind]), [["a.schema.json", "unsafe-pattern"], ["b.schema.json", "unsafe-pattern"]]);
    assert.deepEqual(out.findings.map((f) => f.file), ["a.schema.json"]);
  });

  it("a $ref fan-out is read once per definition", () => {
    const refs = Array.from({ length: 60 }, () => ({ $ref: "#/definitions/x" }));
    const { out } = scan({ "s.json": JSON.stringify({ definitions: { x: { allOf: refs } }, properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false }) });
    assert.deepEqual(out.findings.map((f) => f.ruleId), ["strict-token-response"]);
  });

  it("a reference to another file does not stop the rest of the document from being judged", () => {
    const { out } = scan({
      "auth.schema.json": JSON.stringify({ type: "object", properties: { status: {}, meta: { $ref: "common.json#/definitions/meta" }, tokenInfo: { type: "object", properties: TOKEN_PROPS, additionalProperties: false } } }),
    });
    assert.deepEqual(out.findings.map((f) => f.ruleId), ["strict-token-response"]);
    assert.deepEqual(out.notices.map((n) => n.kind), ["remote-ref"]);
  });

  it("notices never carry a credential, in JSON output either", () => {
    const { out } = scan({
      "s.json": JSON.stringify({ $schema: "https://ci:hunter2-Sup3rSecret@schemas.example/draft", properties: { tokenId: {}, tokenValue: { $ref: "https://deploy:Pa55w0rd@registry.example.com/x.json?password=hunter3" } }, additionalProperties: false }),
    });
    const text = JSON.stringify(out.notices);
    for (const secret of ["hunter2-Sup3rSecret", "Pa55w0rd", "hunter3"]) assert.ok(!text.includes(secret), secret);
  });
});
