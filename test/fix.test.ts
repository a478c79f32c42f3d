// The guarantees of --fix: edits applied together or not at all, never overlapping in one pass, refused when
// they would break the parse, stopped when they undo each other; writes that are atomic, keep the file's
// mode, line endings and byte-order mark, skip a file that changed on disk, and survive a failing disk.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import { applyFixes } from "../src/fix/apply.js";
import { lintAndFix } from "../src/fix/runner.js";
import { createNodeFileWriter, nodeFileWriter, type FileWriter } from "../src/fix/writer.js";
import type { Rule } from "../src/rule.js";
import type { Fix } from "../src/types.js";
import { REPO_ROOT, runCli } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";
import { scratchDir } from "./support/scratch.js";

const at = (offset: number) => ({ offset, line: 1, column: offset + 1 });
const edit = (start: number, end: number, text: string) => ({ range: { start: at(start), end: at(end) }, text });
const fix = (description: string, ...edits: ReturnType<typeof edit>[]): Fix => ({ description, edits });

/** A rule that offers one given edit on every file it sees: a test double for the fix machinery. */
function editingRule(make: (text: string) => { start: number; end: number; text: string } | undefined): Rule {
  return {
    meta: { id: "test-edit", summary: "test", severity: "error", fix: "always", needs: [["marker"]], messages: { m: "m" }, docs: { whatItFinds: "", whyItBreaksNow: "", example: "", fixedExample: "" } },
    check: ({ analysis }) => {
      const units = [...analysis.workspace.parsedFiles];
      const reports = [];
      for (const absPath of units) {
        const unit = analysis.workspace.unitAt(absPath);
        if (!unit) continue;
        const change = make(unit.source.text);
        if (!change) continue;
        const span = { source: unit.source, start: change.start, end: change.end };
        reports.push({ messageId: "m", span, fix: { description: "change", edits: [{ span, text: change.text }] } });
      }
      return reports;
    },
  };
}

describe("applying fixes", () => {
  it("applies non-overlapping fixes from the end, and defers one that overlaps or touches another", () => {
    const text = "abcdefghij";
    const { text: out, applied, deferred } = applyFixes(text, [fix("x", edit(1, 3, "X")), fix("y", edit(2, 4, "Y")), fix("z", edit(3, 3, "Z")), fix("w", edit(8, 9, "W"))], "\n");
    assert.equal(out, "aXdefghWj");
    assert.deepEqual(applied.map((f) => f.description), ["x", "w"]);
    assert.deepEqual(deferred.map((f) => f.description), ["y", "z"]);
  });

  it("applies a fix's edits together, in the file's line endings", () => {
    const { text } = applyFixes("a\r\nb\r\n", [fix("two", edit(0, 1, "A\nA"), edit(3, 4, "B"))], "\r\n");
    assert.equal(text, "A\r\nA\r\nB\r\n");
  });
});

describe("--fix on disk", () => {
  it("refuses a fix that would break the parse, and says so", async () => {
    const dir = writeProject({ name: "bad-fix", files: { "a.ts": "const marker = 1;\n" } });
    const { result } = await lintAndFix({ cwd: dir, paths: ["."], rules: [editingRule((t) => (t.includes("{{") ? undefined : { start: 0, end: 0, text: "{{ " }))] });
    assert.equal(fs.readFileSync(path.join(dir, "a.ts"), "utf8"), "const marker = 1;\n");
    assert.deepEqual(result.notices.map((n) => n.kind), ["fix-failed"]);
    assert.deepEqual(result.fixed, []);
  });

  it("stops fixes that undo each other", async () => {
    const dir = writeProject({ name: "cycle", files: { "a.ts": "const marker = 1;\n" } });
    const flip = editingRule((t) => (t.includes("2") ? { start: t.indexOf("2"), end: t.indexOf("2") + 1, text: "1" } : { start: t.indexOf("1"), end: t.indexOf("1") + 1, text: "2" }));
    const { result } = await lintAndFix({ cwd: dir, paths: ["."], rules: [flip] });
    assert.ok(result.notices.some((n) => n.kind === "fix-cycle"), JSON.stringify(result.notices));
  });

  it("keeps the mode, the CRLF line endings and the byte-order mark, and leaves files without fixes untouched", async () => {
    const dir = writeProject({ name: "keep", files: { "a.ts": "", "b.ts": "const untouched = 1;\n" } });
    const file = path.join(dir, "a.ts");
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("const marker = 1;\r\nnext();\r\n")]));
    fs.chmodSync(file, 0o640);
    const before = fs.statSync(path.join(dir, "b.ts")).mtimeMs;
    await lintAndFix({ cwd: dir, paths: ["."], rules: [editingRule((t) => (t.includes("added") ? undefined : { start: t.indexOf("next"), end: t.indexOf("next"), text: "added();\n" }))] });
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString("utf8"), "const marker = 1;\r\nadded();\r\nnext();\r\n");
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(fs.statSync(path.join(dir, "b.ts")).mtimeMs, before);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary file is left");
  });

  it("skips a file that changed on disk since it was read", async () => {
    const dir = writeProject({ name: "raced", files: { "a.ts": "const marker = 1;\n" } });
    const writer: FileWriter = { readBytes: () => Buffer.from("const marker = 2; // edited meanwhile\n"), replace: () => assert.fail("must not write") };
    const { result } = await lintAndFix({ cwd: dir, paths: ["."], writer, rules: [editingRule((t) => (t.includes("x") ? undefined : { start: 0, end: 0, text: "x; " }))] });
    assert.deepEqual(result.notices.map((n) => n.kind), ["changed-on-disk"]);
    assert.deepEqual(result.fixed, []);
  });

  it("a write that fails (disk full) leaves the file whole and says so", async () => {
    const dir = writeProject({ name: "full", files: { "a.ts": "const marker = 1;\n" } });
    const writer: FileWriter = {
      readBytes: nodeFileWriter.readBytes,
      replace: () => {
        throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      },
    };
    const { result } = await lintAndFix({ cwd: dir, paths: ["."], writer, rules: [editingRule((t) => (t.includes("x") ? undefined : { start: 0, end: 0, text: "x; " }))] });
    assert.equal(fs.readFileSync(path.join(dir, "a.ts"), "utf8"), "const marker = 1;\n");
    assert.deepEqual(result.notices.map((n) => [n.kind, n.message]), [["write-failed", "not fixed: the disk is full; it is unchanged"]]);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ["test-edit"], "the file keeps its finding, so the exit code says so");
  });
});

describe("--fix from the command line", () => {
  const V1 = `import axios from "axios";
import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"),
});
`;

  it("--fix-dry-run writes nothing, prints the diff, and lists what would remain", () => {
    const dir = writeProject({ name: "dry", code: V1 });
    const r = runCli(["--fix-dry-run", "."], dir);
    assert.equal(fs.readFileSync(path.join(dir, "src/auth.ts"), "utf8"), V1);
    assert.match(r.stdout, /^--- src\/auth\.ts\n\+\+\+ src\/auth\.ts\n@@ -6,4 \+6,5 @@\n/m);
    assert.match(r.stdout, /^\+  encodedDataFormat: "v2",$/m);
    assert.match(r.stdout, /--fix would apply 1 fix in 1 file; nothing was written\./);
    assert.match(r.stdout, /✔ 0 problems/);
    assert.equal(r.status, 1, "a dry run that would change files fails, so CI does not pass on unfixed code");
  });

  it("--fix-dry-run --format json adds dryRun, validating against the output schema", () => {
    const dir = writeProject({ name: "dry-json", code: V1 });
    const r = runCli(["--fix-dry-run", "--format", "json", "."], dir);
    const out = JSON.parse(r.stdout) as { dryRun: { file: string; fixes: number; edits: { range: { start: { offset: number }; end: { offset: number } }; text: string }[] }[]; findings: unknown[] };
    const ajv = new Ajv({ strict: false });
    const valid = ajv.validate(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schemas/output.schema.json"), "utf8")), JSON.parse(r.stdout));
    assert.ok(valid, ajv.errorsText());
    assert.deepEqual(out.dryRun.map((f) => [f.file, f.fixes]), [["src/auth.ts", 1]]);
    // The edits, applied to the file as it is, give the fixed text.
    let text = V1;
    for (const e of [...out.dryRun[0].edits].reverse()) text = text.slice(0, e.range.start.offset) + e.text + text.slice(e.range.end.offset);
    assert.ok(text.includes('  encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"),\n  encodedDataFormat: "v2",\n});'), text);
    assert.deepEqual(out.findings, []);
  });

  it("--fix-dry-run --format json redacts secrets on the lines its edits carry", () => {
    const secret = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7TOPSECRETBODY\\n-----END PRIVATE KEY-----";
    const code = `import axios from "axios";\nimport { randomBytes, sign } from "node:crypto";\nexport async function login() {\n  const d = randomBytes(100); const k = "${secret}";\n  return axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: d.toString("base64"), encodedSignedData: sign("RSA-SHA512", d, k).toString("base64"), password: "inline-pw-123" });\n}\n`;
    const r = runCli(["--fix-dry-run", "--format", "json", "."], writeProject({ name: "dry-secret", code }));
    assert.ok(!r.stdout.includes("TOPSECRETBODY") && !r.stdout.includes("inline-pw-123"), r.stdout);
    assert.ok(JSON.parse(r.stdout).dryRun.length > 0);
  });

  it("--fix writes the fix, reports it, and exits 0 when no error is left; a second run changes nothing", () => {
    const dir = writeProject({ name: "wet", code: V1 });
    const r = runCli(["--fix", "."], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /fixed {2}src\/auth\.ts {2}\(1 fix\)/);
    const fixed = fs.readFileSync(path.join(dir, "src/auth.ts"), "utf8");
    assert.ok(fixed.includes('  encodedDataFormat: "v2",\n});'));
    const again = runCli(["--fix", "."], dir);
    assert.match(again.stdout, /Nothing to fix automatically/);
    assert.equal(fs.readFileSync(path.join(dir, "src/auth.ts"), "utf8"), fixed);
  });

  it("--unsafe-fixes alone is a usage error", () => {
    const r = runCli(["--unsafe-fixes", "."], writeProject({ name: "unsafe", code: V1 }));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--unsafe-fixes goes with --fix or --fix-dry-run/);
  });
});

describe("the file layer", () => {
  it("refuses a symbolic link, a file with other hard links and a read-only file, leaving each as it was", () => {
    const dir = scratchDir("aal-writer-");
    const real = path.join(dir, "real.ts");
    fs.writeFileSync(real, "old\n");
    fs.symlinkSync(real, path.join(dir, "link.ts"));
    assert.throws(() => nodeFileWriter.replace(path.join(dir, "link.ts"), Buffer.from("new\n")), /symbolic link/);
    assert.ok(fs.lstatSync(path.join(dir, "link.ts")).isSymbolicLink());
    assert.equal(fs.readFileSync(real, "utf8"), "old\n");
    fs.linkSync(real, path.join(dir, "hard.ts"));
    assert.throws(() => nodeFileWriter.replace(real, Buffer.from("newer\n")), /hard links/);
    assert.equal(fs.readFileSync(path.join(dir, "hard.ts"), "utf8"), "old\n");
    const locked = path.join(dir, "locked.ts");
    fs.writeFileSync(locked, "keep\n");
    fs.chmodSync(locked, 0o444);
    assert.throws(() => nodeFileWriter.replace(locked, Buffer.from("x")), /read-only/);
    assert.equal(fs.readFileSync(locked, "utf8"), "keep\n");
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary file left");
  });

  it("a fault between the write and the rename leaves the original whole and no temporary file", () => {
    const dir = scratchDir("aal-writer-");
    const file = path.join(dir, "a.ts");
    fs.writeFileSync(file, "old\n");
    fs.chmodSync(file, 0o640);
    const writer = createNodeFileWriter({ beforeRename: (temp) => {
      assert.equal(fs.readFileSync(temp, "utf8"), "new\n", "the new text is whole on disk before the rename");
      throw Object.assign(new Error("killed"), { code: "EIO" });
    } });
    assert.throws(() => writer.replace(file, Buffer.from("new\n")), /killed/);
    assert.equal(fs.readFileSync(file, "utf8"), "old\n");
    assert.deepEqual(fs.readdirSync(dir), ["a.ts"]);
    createNodeFileWriter().replace(file, Buffer.from("new\n"));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, "the mode is kept");
  });
});
