// The command line as users meet it: options, exit codes, discovery and output.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { CLI, REPO_ROOT, runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

const V1_LOGIN = `import axios from "axios";
import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"),
});
`;

type F = { ruleId: string; severity: string; file: string };
const json = (stdout: string): { findings: F[]; summary: { files: number } } => JSON.parse(stdout);

describe("exit codes and usage errors", () => {
  it("exits 1 when an error is found and 0 when none is", () => {
    assert.equal(runCli([], writeProject({ name: "v1", code: V1_LOGIN })).status, 1);
    assert.equal(runCli([], writeProject({ name: "clean", code: "export const a = 1;\n" })).status, 0);
  });

  for (const [name, args, pattern] of [
    ["a path that does not exist", ["no/such/dir"], /no such file or directory: no\/such\/dir/],
    ["an unknown rule", ["--rule", "no-such-rule=off"], /unknown rule "no-such-rule"/],
    ["an unknown level", ["--rule", "encoded-data-format=loud"], /unknown level "loud"/],
    ["a malformed --rule", ["--rule", "encoded-data-format"], /--rule takes ID=off\|warn\|error/],
    ["an unknown format", ["--format", "xml"], /Invalid values|Choices/],
    ["--format without a value", ["--format"], /Not enough arguments following: format/],
    ["a dotted option", ["--rule.x", "."], /Unknown argument: rule\.x/],
    ["an unknown option", ["--frobnicate"], /Unknown argument/],
    ["an unknown rule to explain", ["--explain", "nope"], /unknown rule "nope"/],
  ] as const) {
    it(`exits 2 with one line on stderr and no stack trace for ${name}`, () => {
      const r = runCli([...args], writeProject({ name: "x", code: V1_LOGIN }));
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, "one line on stderr");
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
      assert.equal(r.stdout, "");
    });
  }
});

describe("output failures", () => {
  it("a full disk is one line on stderr and exit 2", { skip: !fs.existsSync("/dev/full") && "no /dev/full" }, () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" fixtures/v1-integration > /dev/full`], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^anaplan-auth-lint: cannot write the output: ENOSPC/);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
  });
});

describe("--rule levels", () => {
  const dir = writeProject({ name: "v1", code: V1_LOGIN });
  const rules = (args: string[]) => json(runCli(["--format", "json", ...args], dir).stdout).findings;

  it("off drops the rule", () => {
    assert.ok(rules([]).some((f) => f.ruleId === "encoded-data-format"));
    assert.ok(!rules(["--rule", "encoded-data-format=off"]).some((f) => f.ruleId === "encoded-data-format"));
  });

  it("warn caps the rule's findings at warning, and the exit code follows", () => {
    const args = ["--rule", "encoded-data-format=warn", "--rule", "encoded-data-timestamp=warn"];
    assert.deepEqual([...new Set(rules(args).map((f) => f.severity))], ["warning"]);
    assert.equal(runCli(args, dir).status, 0);
  });
});

describe("discovery", () => {
  it("honours .gitignore, skips node_modules/dist/build/coverage, and takes --ignore-pattern", () => {
    const dir = writeProject({
      name: "tree",
      files: {
        ".gitignore": "generated/\n",
        "src/login.ts": V1_LOGIN,
        "generated/login.ts": V1_LOGIN,
        "node_modules/pkg/login.js": V1_LOGIN,
        "dist/login.js": V1_LOGIN,
        "build/login.js": V1_LOGIN,
        "coverage/login.js": V1_LOGIN,
        "legacy/login.ts": V1_LOGIN,
      },
    });
    fs.mkdirSync(path.join(dir, ".git"));
    const files = (args: string[]) => [...new Set(json(runCli(["--format", "json", ...args], dir).stdout).findings.map((f) => f.file))];
    assert.deepEqual(files([]), ["legacy/login.ts", "src/login.ts"]);
    assert.deepEqual(files(["--ignore-pattern", "legacy/"]), ["src/login.ts"]);
    // A file named explicitly bypasses the built-in skips, but not .gitignore or the user's patterns.
    assert.deepEqual(files(["dist/login.js"]), ["dist/login.js"]);
    assert.deepEqual(files(["generated/login.ts"]), []);
    // Skipped silently, as pre-commit passes every staged file: no notice, nothing for --max-warnings 0.
    const skipped = JSON.parse(runCli(["--format", "json", "generated/login.ts", ".gitignore"], dir).stdout);
    assert.deepEqual(skipped.notices, []);
    assert.equal(skipped.summary.files, 0);
    assert.deepEqual(files(["legacy/login.ts", "--ignore-pattern", "legacy/**"]), []);
  });

  it("a nested .gitignore can re-include what a parent ignores", () => {
    const dir = writeProject({ name: "negation", files: { ".gitignore": "*.gen.ts\n", "src/.gitignore": "!keep.gen.ts\n", "src/keep.gen.ts": V1_LOGIN, "src/drop.gen.ts": V1_LOGIN } });
    fs.mkdirSync(path.join(dir, ".git"));
    const out = json(runCli(["--format", "json", "."], dir).stdout);
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ["src/keep.gen.ts"]);
  });

  it("a nested repository is not judged by the .gitignore above it; a scanned subfolder is", () => {
    const dir = writeProject({ name: "nested-repo", files: { ".gitignore": "*.gen.ts\n", "top.gen.ts": V1_LOGIN, "sub/b.gen.ts": V1_LOGIN, "inner/a.gen.ts": V1_LOGIN, "inner/keep.ts": V1_LOGIN } });
    fs.mkdirSync(path.join(dir, ".git"));
    fs.mkdirSync(path.join(dir, "inner/.git"));
    const filesFound = (paths: string[]) => [...new Set(json(runCli(["--format", "json", ...paths], dir).stdout).findings.map((f) => f.file))];
    assert.deepEqual(filesFound(["."]), ["inner/a.gen.ts", "inner/keep.ts"]);
    assert.deepEqual(filesFound(["sub", "inner"]), ["inner/a.gen.ts", "inner/keep.ts"]);
  });

  it("does not follow imports into files the run excludes", () => {
    const dir = writeProject({
      name: "follow",
      files: {
        ".gitignore": "creds.local.json\n",
        "creds.local.json": '{ "encodedData": "QUFBQUFBQUFBQUFBQUFBQQ==", "encodedSignedData": "c2lnbmVkc2lnbmVk" }\n',
        "node_modules/creds/index.json": '{ "encodedData": "QUFBQUFBQUFBQUFBQUFBQQ==" }\n',
        "src/login.js": `const local = require("../creds.local.json");
const vendored = require("../node_modules/creds/index.json");
fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: local.encodedData, encodedSignedData: local.encodedSignedData, encodedDataFormat: "v2" }) });
fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: vendored.encodedData, encodedSignedData: "x", encodedDataFormat: "v2" }) });
`,
      },
    });
    // .gitignore applies in a repository: a checkout, as a project with one is.
    fs.mkdirSync(path.join(dir, ".git"));
    const out = json(runCli(["--format", "json", "."], dir).stdout);
    assert.deepEqual(out.findings.filter((f) => f.file !== "src/login.js"), []);
  });

  it("a .gitignore outside any repository ignores nothing, as for git and ripgrep", () => {
    // A home folder's .gitignore of `*` (a dotfiles setup) must not make every scan below it pass.
    const home = writeProject({ name: "home", files: { ".gitignore": "*\n!.bashrc\n", "proj/src/login.ts": V1_LOGIN } });
    const found = json(runCli(["--format", "json", "."], path.join(home, "proj")).stdout).findings.map((f) => f.file);
    assert.ok(found.includes("src/login.ts"), JSON.stringify(found));
  });

  it("a file in a folder .gitignore excludes cannot be re-included by a .gitignore inside it, as in git", () => {
    const dir = writeProject({ name: "reinclude", files: { ".gitignore": "vendor/\n", "vendor/.gitignore": "!*.ts\n", "vendor/login.ts": V1_LOGIN, "src/.gitignore": "*.ts\n!keep.ts\n", "src/keep.ts": V1_LOGIN, "src/drop.ts": V1_LOGIN } });
    fs.mkdirSync(path.join(dir, ".git"));
    const filesFound = (paths: string[]) => [...new Set(json(runCli(["--format", "json", ...paths], dir).stdout).findings.map((f) => f.file))];
    assert.deepEqual(filesFound(["."]), ["src/keep.ts"]);
    assert.deepEqual(filesFound(["vendor/login.ts"]), []);
  });

  it("a .gitignore that is a symbolic link is not read, as git does not read it", () => {
    const dir = writeProject({ name: "linked-ignore", files: { "shared/rules": "login.ts\n", "src/login.ts": V1_LOGIN } });
    fs.mkdirSync(path.join(dir, ".git"));
    fs.symlinkSync("../shared/rules", path.join(dir, "src/.gitignore"));
    const found = json(runCli(["--format", "json", "."], dir).stdout).findings.map((f) => f.file);
    assert.ok(found.includes("src/login.ts"), JSON.stringify(found));
  });

  it("reads UTF-16 files, and leaves a notice for special and oversized files", () => {
    const dir = writeProject({ name: "special", files: { "big.ts": `// encodedData\n${"x".repeat(2 * 1024 * 1024)}\n` } });
    fs.writeFileSync(path.join(dir, "utf16.ts"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(V1_LOGIN, "utf16le")]));
    const fifo = path.join(dir, "pipe.ts");
    const made = spawnSync("mkfifo", [fifo]).status === 0;
    const r = runCli(["--format", "json", ".", ...(made ? ["pipe.ts"] : [])], dir);
    const out = JSON.parse(r.stdout);
    assert.ok(out.findings.some((f: { file: string }) => f.file === "utf16.ts"));
    const notices = out.notices.map((n: { kind: string; file: string }) => `${n.kind} ${n.file}`);
    assert.ok(notices.includes("file-too-large big.ts"), notices.join());
    if (made) assert.ok(notices.includes("unreadable pipe.ts"), notices.join());
  });

  it("keeps the paths that follow a repeatable option or --", () => {
    const dir = writeProject({ name: "order", files: { "a/login.ts": V1_LOGIN, "b/login.ts": V1_LOGIN } });
    const files = (args: string[]) => [...new Set(json(runCli(["--format", "json", ...args], dir).stdout).findings.map((f) => f.file))];
    assert.deepEqual(files(["--rule", "static-encoded-data=off", "a"]), ["a/login.ts"]);
    assert.deepEqual(files(["--ignore-pattern", "x/", "b"]), ["b/login.ts"]);
    assert.deepEqual(files(["--rule=encoded-data-format=warn", "a", "--rule", "static-encoded-data=off"]), ["a/login.ts"]);
    assert.deepEqual(files(["--", "b"]), ["b/login.ts"]);
  });

  it("scans several paths once each", () => {
    const dir = writeProject({ name: "two", files: { "a/login.ts": V1_LOGIN } });
    const out = json(runCli(["--format", "json", "a", "a/login.ts", "."], dir).stdout);
    assert.equal(out.summary.files, 1);
  });
});

describe("informational commands", () => {
  it("--list-rules lists every rule with its severity", () => {
    const r = runCli(["--list-rules"], REPO_ROOT);
    assert.equal(r.status, 0);
    for (const id of ["encoded-data-format", "encoded-data-timestamp", "signature-data-mismatch", "static-encoded-data"]) {
      assert.match(r.stdout, new RegExp(`^${id} +error `, "m"));
    }
  });

  it("--explain prints the rule's documentation", () => {
    const r = runCli(["--explain", "encoded-data-timestamp"], REPO_ROOT);
    assert.equal(r.status, 0);
    for (const heading of ["# encoded-data-timestamp", "## What it finds", "## Why it breaks now", "## Example", "## Fixed example"]) {
      assert.ok(r.stdout.includes(heading), heading);
    }
  });

  it("--version prints the package version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    assert.equal(runCli(["--version"], REPO_ROOT).stdout.trim(), pkg.version);
  });

  it("--help names the exit codes", () => {
    const r = runCli(["--help"], REPO_ROOT);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Exit codes: 0/);
  });
});

describe("stylish output", () => {
  const dir = writeProject({ name: "v1", code: V1_LOGIN });

  it("prints file:line:col, severity, message and rule id, a code frame, and a summary", () => {
    const r = runCli([], dir);
    assert.match(r.stdout, /^src\/auth\.ts:4:65 {2}error {2}This certificate-auth request has no encodedDataFormat.* {2}encoded-data-format$/m);
    assert.match(r.stdout, /> 4 \| await axios\.post/);
    assert.match(r.stdout, /✖ 2 problems \(2 errors, 0 warnings, 0 info\) in 1 file scanned/);
  });

  it("has no colour when piped or with NO_COLOR", () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    assert.doesNotMatch(runCli([], dir).stdout, ansi);
    assert.doesNotMatch(runCli([], dir, { NO_COLOR: "1", FORCE_COLOR: "1" }).stdout, ansi);
  });
});

describe("CI exit-code controls", () => {
  // One error (no encodedDataFormat) and one warning (encodedData from the environment).
  const code = `import axios from "axios";
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: process.env.ENCODED_DATA, encodedSignedData: process.env.ENCODED_SIGNED_DATA, encodedDataFormat: "v2" });
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", encodedSignedData: "c2lnbmF0dXJl" });
`;
  const json = (args: string[]) => {
    const r = runCli(["--format", "json", ...args, "."], writeProject({ name: "ci-flags", code }));
    return { status: r.status, out: JSON.parse(r.stdout) as { findings: { severity: string }[]; summary: { warnings: number } } };
  };

  it("--quiet reports errors only, and the summary still counts the warnings", () => {
    const { out } = json(["--quiet"]);
    assert.ok(out.findings.length > 0 && out.findings.every((f) => f.severity === "error"));
    assert.ok(out.summary.warnings > 0);
  });

  it("--max-warnings fails a run with more warnings; --exit-zero passes a run with errors", () => {
    const warnOnly = writeProject({ name: "warn-only", code: code.split("\n").slice(0, 2).join("\n") });
    assert.equal(runCli(["."], warnOnly).status, 0);
    assert.equal(runCli(["--max-warnings", "0", "."], warnOnly).status, 1);
    assert.equal(runCli(["--max-warnings", "5", "."], warnOnly).status, 0);
    assert.equal(runCli(["--max-warnings", "-1", "."], warnOnly).status, 2);
    assert.equal(json(["--exit-zero"]).status, 0);
  });
});
