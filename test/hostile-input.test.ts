// Bad input is a notice, never a crash: each file here sits beside a plain v1 login, the run completes, that
// login is still found, and the odd file gets the notice its trouble deserves (or none, when it is merely
// unusual and still read: a BOM, CRLF, a shebang, decorators).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import { lint, type RunResult } from "anaplan-auth-lint";
import { nodeFileReader } from "../src/files.js";
import { scratchDir } from "./support/scratch.js";

const LOGIN = `await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: a, encodedSignedData: b }) });\n`;

function project(files: Record<string, string | Buffer>): string {
  const dir = scratchDir("aal-hostile-");
  for (const [name, content] of Object.entries({ "good.ts": LOGIN, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const formatFindings = (r: RunResult) => r.findings.filter((f) => f.ruleId === "encoded-data-format").map((f) => `${f.file}:${f.line}`);
const noticeKinds = (r: RunResult) => r.notices.map((n) => `${n.kind} ${n.file}`);

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  /** Notices expected, as "kind file"; the default: none. */
  notices?: string[];
  /** Logins expected besides good.ts's, as "file:line". */
  found?: string[];
  maxFileSize?: number;
}

const deep = (open: string, close: string, n: number, inner = "1") => open.repeat(n) + inner + close.repeat(n);

const CASES: Case[] = [
  { name: "a syntax error (the rest of the file is still analysed)", files: { "broken.ts": `const x = {;\n${LOGIN}` }, notices: ["parse-error broken.ts"], found: ["broken.ts:2"] },
  { name: "TypeScript syntax in a .js file", files: { "typed.js": `const a: number = 1;\n${LOGIN}` }, found: ["typed.js:2"] },
  { name: "JSX in a .ts file", files: { "view.ts": `const el = <div>{x}</div>;\n${LOGIN}` }, notices: ["parse-error view.ts"], found: ["view.ts:2"] },
  { name: "decorators", files: { "deco.ts": `@Injectable()\nclass Auth { @Input() x = 1; }\n${LOGIN}` }, found: ["deco.ts:3"] },
  { name: "a #! line", files: { "cli.js": `#!/usr/bin/env node\n${LOGIN}` }, found: ["cli.js:2"] },
  { name: "a binary file with a source extension", files: { "blob.js": Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) } },
  { name: "NUL bytes", files: { "nul.ts": `const a = "x\u0000y";\n${LOGIN}` }, found: ["nul.ts:2"] },
  { name: "invalid UTF-8", files: { "latin.ts": Buffer.concat([Buffer.from("const s = '"), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(`';\n${LOGIN}`)]) }, found: ["latin.ts:2"] },
  { name: "UTF-16 with a byte-order mark", files: { "wide.ts": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`// wide\n${LOGIN}`, "utf16le")]) }, found: ["wide.ts:2"] },
  { name: "a UTF-8 byte-order mark", files: { "bom.ts": `\ufeff// bom\n${LOGIN}` }, found: ["bom.ts:2"] },
  { name: "CRLF line endings", files: { "crlf.ts": `// a\r\n// b\r\n${LOGIN.replace("\n", "\r\n")}` }, found: ["crlf.ts:3"] },
  { name: "lone CR line endings", files: { "cr.ts": `// a\r// b\r${LOGIN}` }, found: ["cr.ts:3"] },
  { name: "a file over the size limit", files: { "huge.ts": `// ${"x".repeat(5000)}\n${LOGIN}` }, maxFileSize: 4096, notices: ["file-too-large huge.ts"] },
  { name: "a minified one-line bundle", files: { "bundle.min.js": `${"var a=1,b=2;".repeat(20000)}${LOGIN.trim()}` }, found: ["bundle.min.js:1"] },
  { name: "a 10,000-level nested expression", files: { "deep.ts": `const d = ${deep("(", ")", 10000)};\n${LOGIN}` }, notices: ["too-deep deep.ts"] },
  { name: "10,000-level nested JSON", files: { "deep.json": `{"tokenValue": ${deep("[", "]", 10000)}, "additionalProperties": false}` }, notices: ["too-deep deep.json"] },
  { name: "10,000-level nested YAML", files: { "deep.yaml": `tokenValue:\n  ${"- ".repeat(10000)}x\nadditionalProperties: false\n` }, notices: ["too-deep deep.yaml"] },
  { name: "invalid JSON", files: { "bad.json": `{"tokenValue": {"type": "string",, "additionalProperties": false` }, notices: ["parse-error bad.json"] },
  // Read as JSONC, which editors and tsconfig files use: no notice.
  { name: "JSON with comments, trailing commas, duplicate keys and huge numbers", files: { "loose.json": `// c\n{"type": "object", "maxProperties": 1e400, "properties": {"tokenValue": {}, "tokenValue": {"type": "string"},},}\n` } },
  { name: "invalid YAML", files: { "bad.yaml": `tokenValue: [unclosed\n  additionalProperties: false\n: :\n` }, notices: ["parse-error bad.yaml"] },
  { name: "a YAML alias bomb", files: { "bomb.yaml": `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntokenValue: *f\nadditionalProperties: false\n` } },
  { name: "multi-document YAML", files: { "multi.yaml": `type: object\n---\ntype: object\nproperties: { tokenValue: { type: string } }\n---\n[1, 2]\n` } },
  { name: "a schema with circular $refs and keywords ajv does not know", files: { "loop.json": JSON.stringify({ $ref: "#/definitions/a", definitions: { a: { $ref: "#/definitions/b" }, b: { $ref: "#/definitions/a" } }, "x-tokenValue": 1, properties: { tokenValue: { madeUp: true } }, additionalProperties: false }) } },
  { name: "a remote $ref (never fetched)", files: { "remote.json": JSON.stringify({ type: "object", properties: { tokenInfo: { type: "object", properties: { tokenValue: {}, refreshToken: {} }, additionalProperties: false }, meta: { $ref: "https://schemas.example.com/meta.json" } } }) }, notices: ["remote-ref remote.json"] },
  { name: "an unknown $schema draft", files: { "draft.json": JSON.stringify({ $schema: "https://example.com/draft-99", properties: { tokenValue: {}, refreshToken: {} }, additionalProperties: false }) }, notices: ["unknown-draft draft.json"] },
  { name: "a Postman collection in the v1 format", files: { "v1.postman_collection.json": JSON.stringify({ id: "x", name: "old", requests: [{ url: "https://auth.anaplan.com/token/authenticate", rawModeData: '{"encodedData":"x"}' }] }) } },
  { name: "a Postman collection with missing fields and scripts as strings", files: { "odd.postman_collection.json": JSON.stringify({ info: {}, item: [{ request: { url: "https://auth.anaplan.com/token/authenticate" } }, { name: "x", event: [{ listen: "prerequest", script: { exec: "pm.environment.set('encodedData', 'x');" } }] }, null, 3, { item: "nope" }] }) } },
];

describe("bad input is a notice, never a crash", { timeout: 120_000 }, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = project(c.files);
      const result = await lint({ cwd: dir, paths: ["."], maxFileSize: c.maxFileSize });
      assert.deepEqual(formatFindings(result).sort(), ["good.ts:1", ...(c.found ?? [])].sort());
      assert.deepEqual(noticeKinds(result).sort(), [...(c.notices ?? [])].sort());
    });
  }
});

describe("odd things in the file system", { timeout: 60_000 }, () => {
  it("symbolic link loops and links out of the tree are not followed; a folder named x.json is no file", async () => {
    const outside = project({});
    const dir = project({ "sub/keep.ts": "export const a = 1;\n" });
    fs.symlinkSync(dir, path.join(dir, "sub/loop"));
    fs.symlinkSync(path.join(outside, "good.ts"), path.join(dir, "outside.ts"));
    fs.mkdirSync(path.join(dir, "folder.json"));
    const result = await lint({ cwd: dir, paths: ["."] });
    assert.deepEqual(formatFindings(result), ["good.ts:1"]);
    assert.deepEqual(result.notices, []);
  });

  it("a FIFO and a socket named on the command line are not read (no hang)", async () => {
    const dir = project({});
    execFileSync("mkfifo", [path.join(dir, "pipe.ts")]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "sock.ts"), resolve));
    try {
      const result = await lint({ cwd: dir, paths: ["good.ts", "pipe.ts", "sock.ts"] });
      assert.deepEqual(formatFindings(result), ["good.ts:1"]);
      assert.deepEqual(noticeKinds(result), ["unreadable pipe.ts", "unreadable sock.ts"]);
    } finally {
      server.close();
    }
  });

  it("an unreadable folder (EACCES, injected) is a notice, and the rest of the tree is still walked", async () => {
    const dir = project({ "locked/login.ts": LOGIN, "open/login.ts": LOGIN });
    const locked = path.join(dir, "locked");
    const readFolder = ((folder: string, options: { withFileTypes: true }) => {
      if (folder === locked) throw Object.assign(new Error("denied"), { code: "EACCES" });
      return fs.readdirSync(folder, options);
    }) as unknown as typeof fs.readdirSync;
    const result = await lint({ cwd: dir, paths: ["."], readFolder });
    assert.deepEqual(formatFindings(result), ["good.ts:1", "open/login.ts:1"]);
    assert.deepEqual(noticeKinds(result), ["unreadable locked"]);
  });

  it("an unreadable file (EACCES, injected: CI runs as root) is a notice and the others are scanned", async () => {
    const dir = project({ "secret/login.ts": LOGIN });
    const denied = path.join(dir, "secret/login.ts");
    const reader = { ...nodeFileReader, read: (p: string) => (p === denied ? { notice: { kind: "unreadable", message: "could not read the file (EACCES)" } } : nodeFileReader.read(p)) };
    const result = await lint({ cwd: dir, paths: ["."], reader });
    assert.deepEqual(formatFindings(result), ["good.ts:1"]);
    assert.deepEqual(result.notices.map((n) => [n.kind, n.file, n.message]), [["unreadable", "secret/login.ts", "could not read the file (EACCES)"]]);
  });
});
