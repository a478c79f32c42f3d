// The configuration file: found upward, validated with readable errors (exit 2), merged under --rule, with
// ignorePatterns relative to its own folder and ignore entries for findings in JSON files.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const LOGIN = `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n`;
const STORED = `{\n  "encodedData": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=",\n  "encodedSignedData": "c2lnbmF0dXJlc2lnbmF0dXJl"\n}\n`;

function json(dir: string, args: string[] = []) {
  const r = runCli(["--format", "json", ...args, "."], dir);
  return { status: r.status, stderr: r.stderr, out: r.stdout ? (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; severity: string }[]; suppressed: { suppression: { kind: string; justification?: string } }[] }) : undefined };
}

describe("configuration", () => {
  it("is found from the working directory upward; its rules apply and --rule wins over them", () => {
    const dir = writeProject({ name: "cfg", files: { "anaplan-auth-lint.config.json": JSON.stringify({ rules: { "encoded-data-format": "warn", "encoded-data-timestamp": "off", "signature-data-mismatch": "off" } }), "pkg/src/a.ts": LOGIN } });
    const inner = path.join(dir, "pkg");
    assert.deepEqual(json(inner).out?.findings.map((f) => [f.ruleId, f.severity]), [["encoded-data-format", "warning"]]);
    assert.deepEqual(json(inner, ["--rule", "encoded-data-format=error"]).out?.findings.map((f) => f.severity), ["error"]);
  });

  it("ignorePatterns are relative to the configuration's folder; --print-config shows what is in effect", () => {
    const dir = writeProject({ name: "cfg-ignore", files: { "package.json": JSON.stringify({ name: "x", "anaplan-auth-lint": { ignorePatterns: ["legacy/"] } }), "legacy/a.ts": LOGIN, "src/b.ts": LOGIN } });
    const files = new Set(json(dir).out?.findings.map((f) => f.file));
    assert.deepEqual([...files], ["src/b.ts"]);
    const printed = JSON.parse(runCli(["--print-config"], dir).stdout);
    assert.deepEqual(printed.ignorePatterns, ["legacy/"]);
    assert.equal(printed.file, path.join(dir, "package.json"));
  });

  it("a relative cacheLocation is relative to the configuration's folder, --cache-location to the working directory", () => {
    const dir = writeProject({ name: "cache-location", files: { "anaplan-auth-lint.config.json": JSON.stringify({ cache: true, cacheLocation: ".aal-cache/" }), "pkg/src/a.ts": LOGIN } });
    const pkg = path.join(dir, "pkg");
    assert.equal(runCli(["."], pkg).status, 1);
    assert.ok(fs.existsSync(path.join(dir, ".aal-cache/results.json")));
    assert.ok(!fs.existsSync(path.join(pkg, ".aal-cache")));
    assert.equal(runCli(["--cache-location", "here.json", "."], pkg).status, 1);
    assert.ok(fs.existsSync(path.join(pkg, "here.json")));
  });

  it("ignore entries set aside findings in JSON files by file, rule and JSON Pointer", () => {
    const dir = writeProject({
      name: "cfg-entries",
      files: {
        ".anaplan-auth-lintrc.json": JSON.stringify({ ignore: [{ file: "fixtures/*.json", rule: "static-encoded-data", pointer: "/encodedData", reason: "test fixture, never sent" }] }),
        "fixtures/stored.json": STORED,
        "src/send.js": `const stored = require("../fixtures/stored.json");\nfetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ ...stored, encodedDataFormat: "v2" }) });\n`,
      },
    });
    const { out } = json(dir);
    assert.deepEqual(out?.findings.map((f) => [f.ruleId, f.file]), [["static-encoded-data", "fixtures/stored.json"]], "only encodedSignedData is left");
    assert.deepEqual(out?.suppressed.map((f) => f.suppression), [{ kind: "config", justification: "test fixture, never sent" }]);
  });

  it("an invalid configuration is one readable line and exit 2", () => {
    const cases: [unknown, RegExp][] = [
      [{ rules: { "encoded-data-format": "loud" } }, /rules\.encoded-data-format must be one of "off", "warn", "error"/],
      [{ rulez: {} }, /\(the top level\) has an unknown key "rulez"/],
      [{ rules: { "no-such-rule": "off" } }, /unknown rule "no-such-rule"/],
      [JSON.parse('{"rules":{"__proto__":{"encoded-data-format":"off"}}}'), /the key "__proto__" is not allowed/],
    ];
    for (const [config, message] of cases) {
      const dir = writeProject({ name: "cfg-bad", files: { "anaplan-auth-lint.config.json": JSON.stringify(config), "a.ts": "" } });
      const r = runCli(["."], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split("\n").filter(Boolean).length, 1);
    }
    const dir = writeProject({ name: "cfg-missing", files: { "a.ts": "" } });
    const r = runCli(["--config", "nope.json", "."], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read the configuration .*nope\.json: ENOENT/);
    fs.writeFileSync(path.join(dir, "broken.json"), "{ rules: ");
    assert.match(runCli(["--config", "broken.json", "."], dir).stderr, /broken\.json is not valid JSON/);
  });

  it("include narrows what folders yield; files named on the command line are still scanned", () => {
    const dir = writeProject({ name: "cfg-include", files: { "anaplan-auth-lint.config.json": JSON.stringify({ include: ["src/"] }), "src/a.ts": LOGIN, "scripts/b.ts": LOGIN } });
    assert.deepEqual([...new Set(json(dir).out?.findings.map((f) => f.file))], ["src/a.ts"]);
    const named = JSON.parse(runCli(["--format", "json", "scripts/b.ts"], dir).stdout);
    assert.deepEqual([...new Set(named.findings.map((f: { file: string }) => f.file))], ["scripts/b.ts"]);
  });

  it("overrides set rule levels per file pattern, in order, and --rule still wins", () => {
    const config = {
      rules: { "encoded-data-timestamp": "off", "signature-data-mismatch": "off" },
      overrides: [
        { files: ["legacy/**"], rules: { "encoded-data-format": "warn" } },
        { files: ["legacy/off/**"], rules: { "encoded-data-format": "off" } },
      ],
    };
    const dir = writeProject({ name: "cfg-overrides", files: { "anaplan-auth-lint.config.json": JSON.stringify(config), "src/a.ts": LOGIN, "legacy/b.ts": LOGIN, "legacy/off/c.ts": LOGIN } });
    assert.deepEqual(json(dir).out?.findings.map((f) => [f.file, f.severity]), [["legacy/b.ts", "warning"], ["src/a.ts", "error"]]);
    assert.deepEqual(json(dir, ["--rule", "encoded-data-format=error"]).out?.findings.map((f) => [f.file, f.severity]), [["legacy/b.ts", "error"], ["legacy/off/c.ts", "error"], ["src/a.ts", "error"]]);
    const bad = writeProject({ name: "cfg-overrides-bad", files: { "anaplan-auth-lint.config.json": JSON.stringify({ overrides: [{ files: ["x/"], rules: { nope: "off" } }] }), "a.ts": "" } });
    assert.match(runCli(["."], bad).stderr, /unknown rule "nope"/);
  });

  it("endpoints make a gateway URL count as the login endpoint", () => {
    const viaGateway = `import axios from "axios";\nawait axios.post("https://gw.example.com/anaplan/login", { encodedData: a, encodedSignedData: b });\n`;
    const files = { "src/a.ts": viaGateway };
    assert.deepEqual(json(writeProject({ name: "cfg-no-endpoints", files })).out?.findings, [], "another URL is no login");
    const dir = writeProject({ name: "cfg-endpoints", files: { ...files, "anaplan-auth-lint.config.json": JSON.stringify({ endpoints: ["gw.example.com/*/login"] }) } });
    assert.ok(json(dir).out?.findings.some((f) => f.ruleId === "encoded-data-format"));
  });
});
