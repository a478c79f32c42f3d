// Threads and the cache change how fast a run is, never what it finds: the same findings with --jobs 1 and 2,
// with and without --cache; a cached run over an unchanged tree parses nothing; a change to an imported
// module re-checks the files that import it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runCli, REPO_ROOT } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";
import { MIN_FILES_PER_WORKER } from "../src/first-pass/pool.js";

/** A tree big enough for two first-pass workers: the sample integration among many unrelated files. */
function largeTree(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < MIN_FILES_PER_WORKER * 2 + 50; i++) files[`lib/m${String(i).padStart(4, "0")}.js`] = `export const value${i} = ${i};\n`;
  // Two candidates that import one broken helper: its notice must come out once, whichever is analysed first.
  const importer = 'import axios from "axios";\nimport { FORMAT } from "../shared/bad";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b, encodedDataFormat: FORMAT });\n';
  Object.assign(files, { "shared/bad.ts": 'export const FORMAT = "v1" +;\n', "a/login.ts": importer, "z/login.ts": importer });
  const dir = writeProject({ name: "large", files });
  fs.cpSync(path.join(REPO_ROOT, "fixtures/v1-integration"), path.join(dir, "a/v1"), { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, "fixtures/v1-integration"), path.join(dir, "z/deep/v1"), { recursive: true });
  return dir;
}

const withoutParsed = (stdout: string) => {
  const out = JSON.parse(stdout);
  delete out.summary.parsed;
  return out;
};

describe("run modes", () => {
  it("finds the same with one thread and with two", () => {
    const dir = largeTree();
    const one = runCli(["--format", "json", "--jobs", "1", "."], dir);
    const two = runCli(["--format", "json", "--jobs", "2", "."], dir);
    assert.equal(one.status, 1, one.stderr);
    assert.ok(JSON.parse(one.stdout).findings.length >= 20);
    assert.deepEqual(JSON.parse(one.stdout).notices.map((n: { kind: string; file: string }) => `${n.kind} ${n.file}`), ["parse-error shared/bad.ts"]);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.status, one.status);
  });

  it("finds the same with and without --cache, and a cached run over an unchanged tree parses nothing", () => {
    const dir = largeTree();
    const plain = runCli(["--format", "json", "."], dir);
    const first = runCli(["--format", "json", "--cache", "."], dir);
    assert.ok(fs.existsSync(path.join(dir, "node_modules/.cache/anaplan-auth-lint/results.json")));
    const second = runCli(["--format", "json", "--cache", "."], dir);
    assert.deepEqual(withoutParsed(first.stdout), withoutParsed(plain.stdout));
    assert.deepEqual(withoutParsed(second.stdout), withoutParsed(plain.stdout));
    assert.ok(JSON.parse(first.stdout).summary.parsed > 0);
    assert.equal(JSON.parse(second.stdout).summary.parsed, 0);
    assert.equal(second.status, plain.status);
    // Each importer's cached result holds the broken helper's notice, whichever was analysed first.
    for (const importer of ["a/login.ts", "z/login.ts"]) {
      const one = JSON.parse(runCli(["--format", "json", "--cache", importer], dir).stdout);
      assert.equal(one.summary.parsed, 0);
      assert.deepEqual(one.notices.map((n: { kind: string; file: string }) => `${n.kind} ${n.file}`), ["parse-error shared/bad.ts"], importer);
    }
  });

  it("re-checks a file when a module it imports changes, and only then", () => {
    const dir = writeProject({
      name: "cache-imports",
      files: {
        "src/settings.ts": `export const FORMAT = "v1";\n`,
        "src/login.ts": `import axios from "axios";\nimport { FORMAT } from "./settings";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b, encodedDataFormat: FORMAT });\n`,
        "src/other.ts": `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n`,
      },
    });
    const run = () => JSON.parse(runCli(["--format", "json", "--cache", "--cache-location", ".lint-cache/", "--rule", "encoded-data-timestamp=off", "--rule", "signature-data-mismatch=off", "src"], dir).stdout);
    const formatFindings = (out: { findings: { ruleId: string; file: string }[] }) => out.findings.filter((f) => f.ruleId === "encoded-data-format").map((f) => f.file);
    assert.deepEqual(formatFindings(run()), ["src/login.ts", "src/other.ts"]);
    assert.ok(fs.existsSync(path.join(dir, ".lint-cache/results.json")));
    const unchanged = run();
    assert.equal(unchanged.summary.parsed, 0);
    assert.deepEqual(formatFindings(unchanged), ["src/login.ts", "src/other.ts"]);

    fs.writeFileSync(path.join(dir, "src/settings.ts"), `export const FORMAT = "v2";\n`);
    const fixed = run();
    assert.deepEqual(formatFindings(fixed), ["src/other.ts"]);
    assert.ok(fixed.summary.parsed >= 2, "login.ts and settings.ts parsed again; other.ts came from the cache");

    // Removing the module makes the import unresolvable: the importer is checked again.
    fs.rmSync(path.join(dir, "src/settings.ts"));
    assert.notDeepEqual(run().summary.parsed, 0);
  });

  it("a damaged cache is ignored, and one that cannot be written is a notice", () => {
    const dir = writeProject({ name: "cache-bad", files: { "src/login.ts": `await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: a, encodedSignedData: b }) });\n` } });
    fs.mkdirSync(path.join(dir, "node_modules/.cache/anaplan-auth-lint"), { recursive: true });
    fs.writeFileSync(path.join(dir, "node_modules/.cache/anaplan-auth-lint/results.json"), "{ not json");
    const damaged = runCli(["--format", "json", "--cache", "."], dir);
    assert.equal(damaged.status, 1, damaged.stderr);
    assert.ok(JSON.parse(damaged.stdout).findings.length > 0);
    // What is no cache of this tool (a source file named by mistake) is never overwritten.
    assert.equal(fs.readFileSync(path.join(dir, "node_modules/.cache/anaplan-auth-lint/results.json"), "utf8"), "{ not json");
    assert.match(JSON.parse(damaged.stdout).notices[0].message, /is not a cache of this tool \(or not a regular file\), so it was not overwritten/);
    // A damaged entry in a well-formed cache is a miss, not a crash.
    const good = writeProject({ name: "cache-entry", files: { "src/login.ts": `await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: a, encodedSignedData: b }) });\n` } });
    runCli(["--cache", "."], good);
    const cacheFile = path.join(good, "node_modules/.cache/anaplan-auth-lint/results.json");
    const cache = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    for (const entry of Object.values(cache.entries) as { findings: unknown }[]) entry.findings = null;
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    const again = runCli(["--format", "json", "--cache", "."], good);
    assert.equal(again.status, 1, again.stderr);
    assert.ok(JSON.parse(again.stdout).findings.length > 0);
    // A FIFO named as the cache is neither read (it would hang) nor written.
    spawnSync("mkfifo", [path.join(good, "fifo")]);
    const fifo = runCli(["--format", "json", "--cache-location", "fifo", "."], good);
    assert.equal(fifo.status, 1, fifo.stderr);
    fs.writeFileSync(path.join(dir, "blocker"), "");
    const unwritable = runCli(["--format", "json", "--cache-location", "blocker/cache.json", "."], dir);
    assert.equal(unwritable.status, 1, unwritable.stderr);
    const out = JSON.parse(unwritable.stdout);
    assert.ok(out.findings.length > 0);
    assert.deepEqual(out.notices.map((n: { kind: string }) => n.kind), ["write-failed"]);
  });
});
