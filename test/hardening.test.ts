// What the new-user and break-it trials found in the CI features, each pinned: endpoint patterns that
// cannot backtrack, levels by the finding's file, baselines pruned only where the run could judge, the
// staged blob of an odd name, YAML pointers, init next to another configuration, and the ESLint plugin's
// line endings and severities.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Linter } from "eslint";
import plugin from "anaplan-auth-lint/eslint-plugin";
import { endpointPattern, matchesEndpoint } from "../src/endpoints.js";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const LOGIN = `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n`;
const STORED = `{\n  "encodedData": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=",\n  "encodedSignedData": "c2lnbmF0dXJlc2lnbmF0dXJl"\n}\n`;
const json = (stdout: string) => JSON.parse(stdout) as { findings: { ruleId: string; file: string; severity: string }[]; suppressed: unknown[] };

function git(dir: string, ...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

describe("endpoint patterns", () => {
  it("match the literal pieces in order, without regard to case, and in linear time", () => {
    const p = endpointPattern("gw.example.com/*/LOGIN");
    assert.ok(matchesEndpoint("https://GW.example.com/anaplan/v2/login?x=1", p));
    assert.ok(!matchesEndpoint("https://gw.example.com/login", p), "the pieces must come in order with the * between");
    assert.ok(!matchesEndpoint("https://other.example.com/a/login", p));
    assert.ok(!matchesEndpoint("anything", endpointPattern("*")), "a bare * names no endpoint");
    // A pattern that would backtrack as a regular expression: answered at once.
    const hostile = endpointPattern("*/api/*/auth/*/login");
    const started = process.hrtime.bigint();
    assert.ok(!matchesEndpoint(`https://x${"/api/auth/".repeat(5000)}`, hostile));
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
  });
});

describe("levels and baselines", () => {
  it("an override applies to findings in the files it names, wherever they were found from", () => {
    const dir = writeProject({
      name: "override-target",
      files: {
        "anaplan-auth-lint.config.json": JSON.stringify({ overrides: [{ files: ["stored.json"], rules: { "static-encoded-data": "off" } }] }),
        "stored.json": STORED,
        "send.js": `const stored = require("./stored.json");\nfetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ ...stored, encodedDataFormat: "v2" }) });\n`,
      },
    });
    assert.deepEqual(json(runCli(["--format", "json", "."], dir).stdout).findings.filter((f) => f.file === "stored.json"), []);
  });

  it("--prune-baseline keeps the entries of files the run did not scan", () => {
    const dir = writeProject({ name: "prune-narrow", files: { "src/a.ts": LOGIN, "other/b.ts": LOGIN } });
    assert.equal(runCli(["--write-baseline", "base.json", "."], dir).status, 0);
    const before = JSON.parse(fs.readFileSync(path.join(dir, "base.json"), "utf8")).entries;
    assert.equal(runCli(["--baseline", "base.json", "--prune-baseline", "src"], dir).status, 0);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "base.json"), "utf8")).entries, before);
    assert.match(runCli(["--write-baseline", "src/a.ts", "."], dir).stderr, /is one of the files being scanned/);
    assert.match(runCli(["--write-baseline", "x.json", "--fix", "."], dir).stderr, /run --fix first/);
  });
});

describe("git and files", () => {
  it("--staged reads the staged blob of a name that looks like a stage number, and keeps tracked ignored files", () => {
    const dir = writeProject({ name: "staged-odd", files: { "a.cjs": "module.exports = 1;\n", ".gitignore": "gen/\n" } });
    git(dir, "init", "-q");
    fs.writeFileSync(path.join(dir, "0:a.cjs"), LOGIN);
    fs.mkdirSync(path.join(dir, "gen"));
    fs.writeFileSync(path.join(dir, "gen/login.ts"), LOGIN);
    git(dir, "add", "a.cjs", "0:a.cjs");
    git(dir, "add", "-f", "gen/login.ts");
    const files = [...new Set(json(runCli(["--format", "json", "--staged"], dir).stdout).findings.map((f) => f.file))];
    assert.deepEqual(files, ["0:a.cjs", "gen/login.ts"]);
  });

  it("imports are followed into tracked files under .gitignore and into source folders named build; .gitignore keeps case", () => {
    const helper = `import { randomBytes } from "node:crypto";\nexport function makeData() { return randomBytes(100); }\n`;
    const sender = (from: string) => `import axios from "axios";\nimport { makeData } from "${from}";\nconst data = makeData();\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: s, encodedDataFormat: "v2" });\n`;
    const dir = writeProject({ name: "follow", files: { ".gitignore": "gen/\n", "gen/bytes.ts": helper, "src/a.ts": sender("../gen/bytes"), "src/build/payload.ts": helper, "src/b.ts": sender("./build/payload"), "ign/.gitignore": "upper.ts\n", "ign/Upper.ts": LOGIN } });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "add", "-f", "gen/bytes.ts");
    const errors = json(runCli(["--format", "json", "--rule", "signature-data-mismatch=off", "."], dir).stdout).findings.filter((f) => f.severity === "error");
    const files = [...new Set(errors.map((f) => f.file))].sort();
    assert.deepEqual(files, ["gen/bytes.ts", "ign/Upper.ts", "src/build/payload.ts"]);
  });

  it("an ignore entry's JSON Pointer works in YAML files", () => {
    const schema = `type: object\nproperties:\n  tokenInfo:\n    type: object\n    additionalProperties: false\n    properties:\n      tokenId: { type: string }\n      tokenValue: { type: string }\n`;
    const config = { ignore: [{ file: "openapi.yaml", pointer: "/properties/tokenInfo" }] };
    const dir = writeProject({ name: "yaml-pointer", files: { "openapi.yaml": schema, "anaplan-auth-lint.config.json": JSON.stringify(config) } });
    const out = json(runCli(["--format", "json", "."], dir).stdout);
    assert.deepEqual(out.findings, []);
    assert.ok(out.suppressed.length > 0);
  });

  it("says why a folder yielded no file, and init refuses to shadow another configuration", () => {
    const dir = writeProject({ name: "nothing", files: { "anaplan-auth-lint.config.json": JSON.stringify({ include: ["./src"] }), "src/a.ts": LOGIN } });
    const r = runCli(["."], dir);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /no file to scan in \.: each is ignored/);
    const other = writeProject({ name: "init-shadow", files: { ".anaplan-auth-lintrc.json": "{}" } });
    const init = runCli(["init"], other);
    assert.equal(init.status, 2);
    assert.match(init.stderr, /a configuration already exists here \(\.anaplan-auth-lintrc\.json\)/);
    assert.ok(!fs.existsSync(path.join(other, "anaplan-auth-lint.config.json")));
  });

  it("--max-warnings says why it failed; a bad number is quoted as typed", () => {
    const dir = writeProject({ name: "max-warnings", files: { "a.ts": `import { z } from "zod";\nexport const T = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string() });\n` } });
    const r = runCli(["--max-warnings", "0", "."], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1 warning\(s\), more than --max-warnings 0 allows/);
    assert.match(runCli(["--max-warnings", "abc", "."], dir).stderr, /--max-warnings takes a whole number, 0 or more, got "abc"/);
  });
});

describe("ESLint plugin details", () => {
  it("fixes keep a CRLF file's line endings, and the recommended config keeps each rule's severity", () => {
    const linter = new Linter();
    // A multi-line payload: the fix adds a line of its own.
    const code = ['const axios = require("axios");', 'axios.post("https://auth.anaplan.com/token/authenticate", {', "  encodedData: a,", "  encodedSignedData: b,", "});", ""].join("\r\n");
    const config = [{ files: ["**/*.cjs"], plugins: { "anaplan-auth": plugin }, rules: { "anaplan-auth/encoded-data-format": "error" as const } }];
    const fixed = linter.verifyAndFix(code, config, { filename: path.join(process.cwd(), "login.cjs") });
    assert.ok(fixed.fixed);
    assert.ok(fixed.output.includes('encodedDataFormat: "v2"'));
    assert.ok(fixed.output.split("\n").length > code.split("\n").length, "the fix added a line");
    assert.equal(fixed.output.split("\r\n").length - 1, fixed.output.split("\n").length - 1, "every line ends in CRLF");
    assert.equal(plugin.configs.recommended.rules?.["anaplan-auth/required-refresh-token"], "warn");
    assert.equal(plugin.configs.recommended.rules?.["anaplan-auth/encoded-data-format"], "error");
  });
});
