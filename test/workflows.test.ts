// The ways teams wire the tool in: a baseline to adopt it on a large codebase, only the files changed since a
// ref or staged for commit, standard input for editors, `init`, and progress only on a terminal.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { CLI, runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";
import { progressReporter } from "../src/report/progress.js";

const LOGIN = `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n`;
const V2_LOGIN = `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b, encodedDataFormat: "v2" });\n`;

type Out = { findings: { ruleId: string; file: string; line: number; severity: string }[]; suppressed: { file: string; line: number; suppression: { kind: string } }[]; summary: { errors: number; files: number } };
const json = (stdout: string): Out => JSON.parse(stdout);

function git(dir: string, ...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

function repo(files: Record<string, string>): string {
  const dir = writeProject({ name: "git", files });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "start");
  return dir;
}

describe("named files in a checkout", () => {
  const findingsIn = (dir: string, args: string[], env: Record<string, string> = {}) =>
    [...new Set(JSON.parse(runCli(["--format", "json", ...args], dir, env).stdout).findings.map((f: { file: string }) => f.file))];
  /** A repository of its own inside `dir`, with these files, and the ones named in `tracked` added with -f. */
  const nestedRepo = (dir: string, files: Record<string, string>, tracked: string[]) => {
    const nested = path.join(dir, "nested");
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(nested, name)), { recursive: true });
      fs.writeFileSync(path.join(nested, name), text);
    }
    git(nested, "init", "-q");
    git(nested, "add", "-f", ...tracked);
  };
  const helper = `import { randomBytes } from "node:crypto";\nexport const makeData = () => randomBytes(100);\n`;
  const sender = `import axios from "axios";\nimport { makeData } from "../gen/bytes.js";\nconst data = makeData();\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: s, encodedDataFormat: "v2" });\n`;

  it("are judged by git: tracked under a .gitignore pattern is scanned, excluded by .git/info/exclude is not", () => {
    const dir = repo({ "src/a.ts": LOGIN });
    fs.writeFileSync(path.join(dir, ".gitignore"), "tracked/\n");
    fs.mkdirSync(path.join(dir, "tracked"));
    fs.writeFileSync(path.join(dir, "tracked/t.ts"), LOGIN);
    git(dir, "add", "-f", "tracked/t.ts");
    fs.mkdirSync(path.join(dir, "excl"));
    fs.writeFileSync(path.join(dir, "excl/e.ts"), LOGIN);
    fs.appendFileSync(path.join(dir, ".git/info/exclude"), "excl/\n");
    assert.deepEqual(findingsIn(dir, ["tracked/t.ts", "excl/e.ts", "src/a.ts"]), ["src/a.ts", "tracked/t.ts"]);
    // And as the files of a folder are.
    assert.deepEqual(findingsIn(dir, ["."]), ["src/a.ts", "tracked/t.ts"]);
  });

  it("a file named through a linked folder is judged by its real path, and many named files at once", () => {
    const files: Record<string, string> = { "src/a.ts": LOGIN };
    for (let i = 0; i < 80; i++) files[`many/m${i}.ts`] = `export const m${i} = ${i};\n`;
    const dir = repo(files);
    fs.symlinkSync("src", path.join(dir, "lnk"));
    assert.deepEqual(findingsIn(dir, ["lnk/a.ts"]), ["lnk/a.ts"]);
    // More files than git is given one by one: the whole listing is read instead.
    const named = [...Object.keys(files).filter((f) => f.startsWith("many/")), "src/a.ts"];
    assert.deepEqual(findingsIn(dir, named), ["src/a.ts"]);
  });

  it("in a hook, git's variables for the hook's repository do not reach a nested repository", () => {
    const dir = repo({ "o.ts": LOGIN });
    nestedRepo(dir, { ".gitignore": "gen/\n", "gen/t.ts": LOGIN }, ["gen/t.ts", ".gitignore"]);
    // As git sets them for a pre-commit hook (`git commit -a` uses index.lock).
    const hook = { GIT_DIR: path.join(dir, ".git"), GIT_INDEX_FILE: path.join(dir, ".git/index") };
    assert.deepEqual(findingsIn(dir, ["nested/gen/t.ts", "o.ts"], hook), ["nested/gen/t.ts", "o.ts"]);
  });

  it("a nested repository inside a scanned folder is listed by its own git", () => {
    const dir = repo({ "o.ts": LOGIN });
    nestedRepo(dir, { ".gitignore": "gen/\nexcluded.ts\n", "gen/t.ts": LOGIN, "excluded.ts": LOGIN, "kept.ts": LOGIN }, ["gen/t.ts", ".gitignore"]);
    assert.deepEqual(findingsIn(dir, ["."]), ["nested/gen/t.ts", "nested/kept.ts", "o.ts"]);
    assert.deepEqual(findingsIn(dir, ["."]), findingsIn(dir, ["nested", "o.ts"]));
  });

  it("--cache sees a helper stop being followed when git stops tracking it, though no text changed", () => {
    const dir = repo({ ".gitignore": "gen/\n", "src/send.ts": sender });
    fs.mkdirSync(path.join(dir, "gen"));
    fs.writeFileSync(path.join(dir, "gen/bytes.ts"), helper);
    git(dir, "add", "-f", "gen/bytes.ts");
    const cached = () => findingsIn(dir, ["--cache", "src/send.ts"]);
    assert.ok(cached().includes("gen/bytes.ts"));
    git(dir, "rm", "-q", "--cached", "gen/bytes.ts");
    assert.deepEqual(cached(), findingsIn(dir, ["src/send.ts"]));
    assert.ok(!cached().includes("gen/bytes.ts"));
  });

  it("naming the sender follows its import into a tracked helper under a .gitignore pattern", () => {
    const dir = repo({ ".gitignore": "gen/\n", "src/send.ts": sender });
    fs.mkdirSync(path.join(dir, "gen"));
    fs.writeFileSync(path.join(dir, "gen/bytes.ts"), helper);
    git(dir, "add", "-f", "gen/bytes.ts");
    assert.deepEqual(findingsIn(dir, ["src/send.ts"]), findingsIn(dir, ["."]));
    assert.ok(findingsIn(dir, ["src/send.ts"]).includes("gen/bytes.ts"));
  });
});

describe("baseline", () => {
  it("records findings by content, reports only new ones, survives line shifts, and prunes what is gone", () => {
    const dir = writeProject({ name: "baseline", files: { "src/a.ts": LOGIN, "src/b.ts": LOGIN } });
    const written = runCli(["--write-baseline", "base.json", "."], dir);
    assert.equal(written.status, 0, written.stderr);
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, "base.json"), "utf8"));
    assert.equal(recorded.version, 1);
    assert.deepEqual([...new Set(recorded.entries.map((e: { file: string }) => e.file))], ["src/a.ts", "src/b.ts"]);
    assert.ok(recorded.entries.every((e: { line?: number }) => e.line === undefined), "no line numbers in the baseline");

    // Lines inserted above move the findings; the baseline still knows them. A new file's findings are new.
    fs.writeFileSync(path.join(dir, "src/a.ts"), `// moved\n\n${LOGIN}`);
    fs.writeFileSync(path.join(dir, "src/c.ts"), LOGIN);
    const r = runCli(["--format", "json", "--baseline", "base.json", "."], dir);
    assert.equal(r.status, 1);
    const out = json(r.stdout);
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ["src/c.ts"]);
    assert.ok(out.suppressed.length > 0 && out.suppressed.every((f) => f.suppression.kind === "baseline"));
    assert.deepEqual([...new Set(out.suppressed.map((f) => f.file))], ["src/a.ts", "src/b.ts"]);
    assert.equal(out.summary.errors, out.findings.filter((f) => f.severity === "error").length, "baselined findings do not count");

    // b.ts is fixed: pruning drops its entries and keeps a.ts's.
    fs.writeFileSync(path.join(dir, "src/b.ts"), V2_LOGIN);
    fs.rmSync(path.join(dir, "src/c.ts"));
    const pruned = runCli(["--baseline", "base.json", "--prune-baseline", "."], dir);
    assert.equal(pruned.status, 0, pruned.stdout + pruned.stderr);
    const left = JSON.parse(fs.readFileSync(path.join(dir, "base.json"), "utf8"));
    assert.deepEqual([...new Set(left.entries.map((e: { file: string }) => e.file))], ["src/a.ts"]);
  });

  it("a missing or foreign baseline is one line and exit 2", () => {
    const dir = writeProject({ name: "baseline-bad", files: { "a.ts": LOGIN, "other.json": '{"entries": 3}' } });
    for (const [file, message] of [["nope.json", /cannot read the baseline .*nope\.json: ENOENT \(create one with --write-baseline/], ["other.json", /is not a baseline of this tool/]] as const) {
      const r = runCli(["--baseline", file, "."], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1);
    }
    assert.match(runCli(["--prune-baseline", "."], dir).stderr, /--prune-baseline goes with --baseline FILE/);
  });
});

describe("changed files", () => {
  it("--since REF scans the files changed since the ref and the untracked ones, not the rest", () => {
    const dir = repo({ "src/old.ts": LOGIN, "src/touched.ts": LOGIN, ".gitignore": "ignored/\n" });
    fs.appendFileSync(path.join(dir, "src/touched.ts"), "// edited\n");
    fs.mkdirSync(path.join(dir, "new"));
    fs.writeFileSync(path.join(dir, "new/untracked.ts"), LOGIN);
    fs.mkdirSync(path.join(dir, "ignored"));
    fs.writeFileSync(path.join(dir, "ignored/login.ts"), LOGIN);
    const out = json(runCli(["--format", "json", "--since", "HEAD", "."], dir).stdout);
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ["new/untracked.ts", "src/touched.ts"]);
    // Paths still narrow the choice.
    const narrowed = json(runCli(["--format", "json", "--since", "HEAD", "src"], dir).stdout);
    assert.deepEqual([...new Set(narrowed.findings.map((f) => f.file))], ["src/touched.ts"]);
  });

  it("--staged scans what the commit will hold, not the working tree", () => {
    const dir = repo({ "src/a.ts": V2_LOGIN, "src/b.ts": V2_LOGIN });
    fs.writeFileSync(path.join(dir, "src/a.ts"), LOGIN);
    git(dir, "add", "src/a.ts");
    // The working tree is fixed again after staging: the staged v1 login is what gets committed.
    fs.writeFileSync(path.join(dir, "src/a.ts"), V2_LOGIN);
    fs.writeFileSync(path.join(dir, "src/b.ts"), LOGIN); // unstaged: not scanned
    const r = runCli(["--format", "json", "--staged"], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual([...new Set(json(r.stdout).findings.map((f) => f.file))], ["src/a.ts"]);
  });

  it("outside a repository, or with an unknown ref, exits 2 with one line", () => {
    const plain = writeProject({ name: "nogit", files: { "a.ts": LOGIN } });
    const outside = runCli(["--since", "HEAD", "."], plain, { GIT_CEILING_DIRECTORIES: path.dirname(plain) });
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /work in a git repository/);
    const dir = repo({ "a.ts": LOGIN });
    const unknown = runCli(["--since", "no-such-branch", "."], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"no-such-branch" is no commit, branch or tag/);
    assert.match(runCli(["--since", "HEAD", "--staged", "."], dir).stderr, /--staged and --since choose files in different ways/);
  });

  it("files named explicitly that are of no supported type, or ignored, are skipped without a warning", () => {
    const dir = writeProject({ name: "named", files: { "README.md": "token/authenticate encodedData", "src/a.ts": LOGIN, ".gitignore": "gen/\n", "gen/b.ts": LOGIN } });
    fs.mkdirSync(path.join(dir, ".git"));
    const r = runCli(["--format", "json", "--max-warnings", "0", "README.md", "gen/b.ts", "src/a.ts"], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.notices, []);
    assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => f.file))], ["src/a.ts"]);
    assert.equal(runCli(["README.md", "gone.ts"], dir).status, 2, "a path that does not exist is still an error");
  });
});

describe("standard input", () => {
  const run = (args: string[], input: string, cwd: string) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("scans the text as if it were the named file, which need not exist", () => {
    const dir = writeProject({ name: "stdin", files: { "keep.txt": "" } });
    const r = run(["--format", "json", "--stdin", "--stdin-filename", "src/auth.ts"], LOGIN, dir);
    assert.equal(r.status, 1, r.stderr);
    const out = json(r.stdout);
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ["src/auth.ts"]);
    assert.ok(!fs.existsSync(path.join(dir, "src")), "nothing written");
  });

  it("with --fix prints the fixed text on stdout and what is left on stderr, writing nothing", () => {
    const dir = writeProject({ name: "stdin-fix", files: { "src/auth.ts": "untouched\n" } });
    const r = run(["--fix", "--stdin", "--stdin-filename", "src/auth.ts", "--rule", "signature-data-mismatch=off", "--rule", "encoded-data-timestamp=off"], LOGIN, dir);
    assert.equal(r.stdout, LOGIN.replace("encodedSignedData: b }", 'encodedSignedData: b, encodedDataFormat: "v2" }'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, "src/auth.ts"), "utf8"), "untouched\n");
  });

  it("an ignored filename reports nothing; --stdin without a filename, or with paths, exits 2", () => {
    const dir = writeProject({ name: "stdin-ignored", files: { ".gitignore": "gen/\n" } });
    fs.mkdirSync(path.join(dir, ".git"));
    const ignored = run(["--format", "json", "--stdin", "--stdin-filename", "gen/a.ts"], LOGIN, dir);
    assert.equal(ignored.status, 0);
    assert.deepEqual(json(ignored.stdout).findings, []);
    assert.match(run(["--stdin"], LOGIN, dir).stderr, /--stdin needs --stdin-filename PATH/);
    assert.match(run(["--stdin", "--stdin-filename", "a.ts", "src"], LOGIN, dir).stderr, /do not name paths as well/);
  });
});

describe("init", () => {
  it("writes a starter configuration that validates, prints the snippets, and never overwrites", () => {
    const dir = writeProject({ name: "init", files: { "src/a.ts": LOGIN } });
    const r = runCli(["init"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Wrote anaplan-auth-lint\.config\.json/);
    assert.match(r.stdout, /id: anaplan-auth-lint/);
    assert.match(r.stdout, /upload-sarif/);
    assert.match(r.stdout, /codequality/);
    const printed = JSON.parse(runCli(["--print-config"], dir).stdout);
    assert.equal(printed.file, path.join(dir, "anaplan-auth-lint.config.json"));
    assert.equal(printed.rules["encoded-data-format"], "error");
    const before = fs.readFileSync(path.join(dir, "anaplan-auth-lint.config.json"), "utf8");
    const again = runCli(["init"], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists here/);
    assert.equal(fs.readFileSync(path.join(dir, "anaplan-auth-lint.config.json"), "utf8"), before);
  });
});

describe("progress", () => {
  const recorder = (isTTY: boolean) => {
    const written: string[] = [];
    return { stream: { isTTY, write: (t: string) => written.push(t) }, written };
  };

  it("shows files done / total on a terminal and erases itself at the end", () => {
    const { stream, written } = recorder(true);
    let clock = 0;
    const report = progressReporter(stream, {}, () => (clock += 1000))!;
    report(0, 500);
    report(250, 500);
    report(500, 500);
    assert.deepEqual(written, ["\r\x1b[Kscanning: 0/500 files", "\r\x1b[Kscanning: 250/500 files", "\r\x1b[K"]);
  });

  it("is silent when stderr is no terminal, in CI, and for small scans", () => {
    assert.equal(progressReporter(recorder(false).stream, {}), undefined);
    assert.equal(progressReporter(recorder(true).stream, { CI: "true" }), undefined);
    const { stream, written } = recorder(true);
    const report = progressReporter(stream, {}, () => 10_000)!;
    report(0, 10);
    report(10, 10);
    assert.deepEqual(written, []);
  });
});
