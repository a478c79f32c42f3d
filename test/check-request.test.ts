// check-request on captured requests: the notice's own example, {headers, body}, HAR and raw HTTP captures,
// with and without a certificate; exit 0 accepted, 1 rejected, 2 unreadable input.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loginBody, makeCredentials } from "./support/certificates.js";
import { CLI, REPO_ROOT } from "./support/cli.js";
import { scratchDir } from "./support/scratch.js";

const credentials = makeCredentials();
const dir = scratchDir("aal-check-");
const noticeExamples = path.resolve(REPO_ROOT, "../shared/anaplan-notice-examples.json");

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function check(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, "check-request", ...args], { encoding: "utf8", input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("check-request", () => {
  it("the notice's example payload: 54 bytes, timestamp 2025-06-24T03:47:06Z, signature not checked", { skip: !fs.existsSync(noticeExamples) && "no ../shared" }, () => {
    const body = JSON.parse(fs.readFileSync(noticeExamples, "utf8")).request.body;
    const file = write("notice.json", body);
    const accepted = check([file, "--now", "2025-06-24T03:48:00Z", "--format", "json"]);
    assert.equal(accepted.status, 0, accepted.stderr);
    const out = JSON.parse(accepted.stdout);
    assert.equal(out.accepted, true);
    assert.deepEqual(
      { byteLength: out.requests[0].byteLength, date: out.requests[0].timestamp.date, unit: out.requests[0].timestamp.unit, signature: out.requests[0].signature },
      { byteLength: 54, date: "2025-06-24T03:47:06Z", unit: "seconds", signature: "not-checked" },
    );
    const stale = check([file, "--now", "2026-12-03T00:00:00Z"]);
    assert.equal(stale.status, 1);
    assert.match(stale.stdout, /✖ the timestamp is 2025-06-24T03:47:06Z, 527 days before now/);
  });

  it("{headers, body} with the certificate in the Authorization header: the signature is verified", () => {
    const file = write("capture.json", { headers: { Authorization: `CACertificate ${credentials.headerValue}` }, body: loginBody(credentials) });
    const r = check([file]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /signature {10}verifies over the whole encodedData \(CN=integration-test\)/);
    assert.match(r.stdout, /verdict {12}would be accepted/);
  });

  it("a HAR file: each /token/authenticate entry is judged; the nonce-only signature is named", () => {
    const entry = (body: unknown) => ({
      request: { method: "POST", url: "https://auth.anaplan.com/token/authenticate", headers: [{ name: "Authorization", value: `CACertificate ${credentials.headerValue}` }], postData: { mimeType: "application/json", text: JSON.stringify(body) } },
    });
    const har = { log: { version: "1.2", entries: [entry(loginBody(credentials)), { request: { method: "GET", url: "https://example.com/", headers: [] } }, entry(loginBody(credentials, { signed: "nonce" }))] } };
    const r = check([write("session.har", har)]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^request 1: POST https:\/\/auth\.anaplan\.com\/token\/authenticate$/m);
    assert.match(r.stdout, /^request 2: POST/m);
    assert.match(r.stdout, /signature {10}verifies only over the bytes after the 8-byte prefix/);
  });

  it("raw HTTP text as curl -v shows it, from standard input, checked with --cert", () => {
    const body = JSON.stringify(loginBody(credentials, { prefix: "milliseconds" }));
    const raw = `> POST /token/authenticate HTTP/1.1\r\n> Host: auth.anaplan.com\r\n> Content-Type: application/json\r\n>\r\n${body}\r\n`;
    const r = check(["-", "--cert", write("cert.pem", credentials.certificatePem), "--format", "json"], raw);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.requests[0].target, "POST https://auth.anaplan.com/token/authenticate");
    assert.equal(out.requests[0].timestamp.unit, "milliseconds");
    assert.equal(out.requests[0].signature, "verified");
  });

  it("unreadable input is exit 2 with one line on stderr", () => {
    for (const args of [[path.join(dir, "missing.json")], [write("bad.json", "{not json")], [write("text.txt", "hello there")], [dir]]) {
      const r = check(args);
      assert.equal(r.status, 2, args.join(" "));
      assert.match(r.stderr, /^anaplan-auth-lint: .+\n$/);
      assert.equal(r.stdout, "");
    }
    const badCert = check([write("ok.json", loginBody(credentials)), "--cert", write("not-a-cert.pem", "nope")]);
    assert.equal(badCert.status, 2);
  });
});
