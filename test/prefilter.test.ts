import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import { createFileReader, createScanReader, type FileReader } from "../src/files.js";
import { firstPassOf } from "../src/first-pass/scan.js";
import { rulesWanting } from "../src/prefilter.js";
import { rules } from "../rules/index.js";
import { CLI, REPO_ROOT } from "./support/cli.js";
import { writeProject } from "./support/rule-tester.js";

describe("first pass", () => {
  it("lets through only files some rule can use", () => {
    const ids = (text: string) => rulesWanting(text, rules).map((r) => r.meta.id);
    const certificateRules = ["encoded-data-format", "encoded-data-timestamp", "signature-data-mismatch", "static-encoded-data"];
    assert.deepEqual(ids("export const a = 1;"), []);
    assert.deepEqual(ids('fetch(url, { body: JSON.stringify({ encodedData }) })'), certificateRules);
    assert.deepEqual(ids("post(AUTH_BASE + '/token/authenticate', buildPayload())"), certificateRules);
    assert.deepEqual(ids('"raw": "{\\"encodedData\\": \\"{{EncodedData}}\\"}"'), certificateRules);
    // A schema rule needs a token field and a strictness keyword: additionalProperties alone is common.
    assert.deepEqual(ids('{"type": "object", "additionalProperties": false}'), []);
    assert.deepEqual(ids('{"properties": {"tokenValue": {}}, "additionalProperties": false}'), ["strict-token-response"]);
    assert.deepEqual(ids("z.object({ tokenValue: z.string(), refreshToken: z.string() })"), ["required-refresh-token"]);
    // Token fields are property names: a lexer's getTokenValue (beside "never" and "keys") is not one.
    assert.deepEqual(ids("function getTokenValue(): never { return Object.keys(lexer.lastTokenInfo) as never; }"), []);
    assert.deepEqual(ids('{"TOKENVALUE": 1, "additionalProperties": false}'), ["strict-token-response"]);
  });

  it("does not load ts-morph or parse anything when no file passes it", () => {
    const dir = writeProject({ name: "plain", files: { "a.ts": "export const a = 1;\n", "b.js": "module.exports = 2;\n" } });
    const engine = path.join(REPO_ROOT, "dist/src/engine.js");
    const script = `
      import { createRequire } from "node:module";
      const { lint } = await import(${JSON.stringify(engine)});
      const result = await lint({ cwd: ${JSON.stringify(dir)}, paths: ["."] });
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("ts-morph"));
      console.log(JSON.stringify({ parsed: result.summary.parsed, files: result.summary.files, loaded }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { parsed: 0, files: 2, loaded: false });
  });
});

describe("the first pass's byte reader (worker threads)", () => {
  it("answers as the decoding reader does, for odd encodings and odd files", async () => {
    const login = 'fetch("https://auth.anaplan.com/token/authenticate", { body: JSON.stringify({ encodedData }) });\n';
    const utf16 = (text: string, bigEndian: boolean) => {
      const bytes = Buffer.from(`\ufeff${text}`, "utf16le");
      if (bigEndian) bytes.swap16();
      return bytes;
    };
    const dir = writeProject({
      name: "scan-reader",
      files: {
        "plain.ts": login,
        "unicode.ts": `// Überprüfung — 証明書 ${login}`,
        // Non-ASCII letters that fold to ASCII ones (Kelvin sign, long s) make no word of the rules.
        "folding.ts": "const \u212Aey = 'encodedData'.replace('s', '\u017F');\nconst x = { tokenInfo: 1, additionalProperties: false };\n",
        "lookalike.ts": "const e\u0301ncodedData = 1; const tok\u00e9nValue = 2;\n",
        "invalid-utf8.ts": "placeholder",
        "utf16le.ts": "placeholder",
        "utf16be.ts": "placeholder",
        "directive.ts": "// anaplan-auth-lint-disable-next-line\nconst a = 1;\n",
        "large.json": "placeholder",
      },
    });
    fs.writeFileSync(path.join(dir, "invalid-utf8.ts"), Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(login)]));
    fs.writeFileSync(path.join(dir, "utf16le.ts"), utf16(login, false));
    fs.writeFileSync(path.join(dir, "utf16be.ts"), utf16(login, true));
    fs.writeFileSync(path.join(dir, "large.json"), `{"tokenInfo": "${"x".repeat(3000)}", "additionalProperties": false}`);
    fs.mkdirSync(path.join(dir, "folder.ts"));
    execFileSync("mkfifo", [path.join(dir, "pipe.ts")]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "socket.ts"), resolve));
    try {
      const names = [...fs.readdirSync(dir), "missing.ts"].sort();
      const answers = (reader: FileReader) => names.map((name) => {
        const { text: _text, ...answer } = firstPassOf(path.join(dir, name), reader, rules);
        return [name, answer];
      });
      const decoded = answers(createFileReader(2048));
      assert.deepEqual(answers(createScanReader(2048)), decoded);
      // And the answers are the ones wanted, so the comparison is not between two readers that both fail.
      const wanting = decoded.filter(([, a]) => "wanted" in (a as object) && (a as { wanted: string[] }).wanted.length).map(([n]) => n);
      assert.deepEqual(wanting, ["folding.ts", "invalid-utf8.ts", "plain.ts", "unicode.ts", "utf16be.ts", "utf16le.ts"]);
      const notices = decoded.filter(([, a]) => "notice" in (a as object)).map(([n, a]) => `${n} ${(a as { notice: { kind: string } }).notice.kind}`);
      assert.deepEqual(notices, ["folder.ts unreadable", "large.json file-too-large", "missing.ts unreadable", "pipe.ts unreadable", "socket.ts unreadable"]);
    } finally {
      server.close();
    }
  });
});

describe("reading a file whose listed size is wrong", () => {
  // /proc files list a size of 0 and hold more: the stand-in for a file that grows between stat and read.
  const listedEmpty = "/proc/self/status";
  const skip = !fs.existsSync(listedEmpty) && "no /proc here";

  it("both readers read it to its end", { skip }, () => {
    assert.equal(fs.statSync(listedEmpty).size, 0);
    for (const reader of [createFileReader(), createScanReader()]) {
      const read = reader.read(listedEmpty);
      assert.ok("text" in read && /^Name:/.test(read.text), JSON.stringify(read));
    }
  });

  it("both readers stop at the size limit with the same notice", { skip }, () => {
    const answers = [createFileReader(16), createScanReader(16)].map((reader) => reader.read(listedEmpty));
    assert.deepEqual(answers[0], { notice: { kind: "file-too-large", message: "over the 16-byte limit (maxFileSize) when read, though smaller when listed, so not scanned" } });
    assert.deepEqual(answers[1], answers[0]);
  });
});

describe("the parser it loads", () => {
  it("is ts-morph's own bundled TypeScript, loaded without ts-morph's wrappers", async () => {
    const { tsApi } = await import("../src/parse/typescript.js");
    const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
    // ts-morph wraps the module's exports in an object of its own; what they hold is the same.
    assert.equal(tsApi().version, tsMorph.ts.version);
    assert.equal(tsApi().createSourceFile, tsMorph.ts.createSourceFile);
    assert.equal(tsApi().SyntaxKind, tsMorph.ts.SyntaxKind);
  });
});

describe("start-up", () => {
  it("a run on a few unrelated files loads no parser, no server, no git and no worker module", () => {
    const dir = writeProject({ name: "startup", files: { "a.js": "module.exports = 1;\n", "b.ts": "export const b = 2;\n" } });
    // Which of the costly modules the process loaded, written as it exits (not net: piped stdio loads it).
    const probe = path.join(dir, "probe.cjs");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify([
        ...process.moduleLoadList.filter((m) => /^NativeModule (https?|tls|child_process|worker_threads)$/.test(m)),
        ...Object.keys(require.cache).filter((k) => /ts-morph|[\\/]ajv[\\/]/.test(k)),
      ]) + "\\n"));\n`,
    );
    const r = spawnSync(process.execPath, ["--require", probe, CLI, "a.js", "b.ts"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(/LOADED (.*)/.exec(r.stderr)![1]), []);
  });
});
