// The local v2 auth server, started on port 0 and driven with node's fetch: a correct v2 client is accepted,
// each typical fault is rejected with its own message, and the token routes work.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createAuthServer } from "../src/v2/auth-server.js";
import { loginBody, makeCredentials } from "./support/certificates.js";
import { CLI } from "./support/cli.js";
import { scratchDir } from "./support/scratch.js";

const credentials = makeCredentials();
const other = makeCredentials("someone-else");
const logs: string[] = [];
const server = createAuthServer({ skewSeconds: 300, refreshToken: true, successStatus: 201, log: (l) => logs.push(l) });
let base = "";

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function login(body: unknown, authorization = `CACertificate ${credentials.headerValue}`) {
  const res = await fetch(`${base}/token/authenticate`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { status: string; statusMessage: string; tokenInfo?: Record<string, unknown>; meta?: { validationUrl: string } } };
}

describe("serve: certificate logins", () => {
  it("accepts a correct v2 login with the new response (201, refreshToken included)", async () => {
    const { status, json } = await login(loginBody(credentials));
    assert.equal(status, 201);
    assert.equal(json.status, "SUCCESS");
    assert.deepEqual(Object.keys(json.tokenInfo ?? {}).sort(), ["expiresAt", "refreshToken", "refreshTokenId", "tokenId", "tokenValue"]);
    assert.equal(json.meta?.validationUrl, `${base}/token/validate`);
  });

  it("reads the certificate as the PEM body without its header lines (which is base64 of the DER)", async () => {
    const pemBody = credentials.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");
    const { status, json } = await login(loginBody(credentials), `CACertificate ${pemBody}`);
    assert.equal(status, 201);
    assert.equal(json.status, "SUCCESS");
  });

  const rejected: [string, Parameters<typeof loginBody>[1], RegExp][] = [
    ["missing encodedDataFormat", { format: null }, /encodedDataFormat is missing, so the request is read as v1/],
    ["the v1 value", { format: "v1" }, /encodedDataFormat is "v1"; only "v2" is accepted/],
    ["a millisecond prefix", { prefix: "milliseconds" }, /the prefix looks like milliseconds: read as seconds \(\d+\) it is a date in the year \d{5}/],
    ["a little-endian prefix", { prefix: "little-endian" }, /the prefix is little-endian/],
    ["a stale timestamp", { seconds: Math.floor(Date.now() / 1000) - 3600 }, /the timestamp is \S+, 60 min before now: older than the allowed skew of 300 s/],
    ["a future timestamp", { seconds: Math.floor(Date.now() / 1000) + 10_800 }, /3 h after now: further ahead than the allowed skew of 300 s/],
    ["a signature over the nonce only", { signed: "nonce" }, /signs only the bytes after the 8-byte prefix: sign the whole decoded encodedData/],
    ["a signature with another key", { signingKeyPem: other.privateKeyPem }, /does not verify as an RSA-SHA512 \(PKCS#1 v1\.5\) signature/],
    ["no prefix at all (v1 bytes)", { prefix: "none" }, /the first 8 bytes are not a Unix time in seconds/],
  ];
  for (const [name, options, message] of rejected) {
    it(`rejects ${name} with 401 and says so`, async () => {
      const { status, json } = await login(loginBody(credentials, options));
      assert.equal(status, 401);
      assert.equal(json.status, "FAILURE_BAD_CREDENTIAL");
      assert.match(json.statusMessage, message);
    });
  }

  it("rejects an unreadable certificate and a missing field", async () => {
    assert.match((await login(loginBody(credentials), "CACertificate bm90IGEgY2VydGlmaWNhdGU=")).json.statusMessage, /certificate in Authorization: CACertificate could not be read/);
    const { encodedSignedData: _dropped, ...noSignature } = loginBody(credentials);
    assert.match((await login(noSignature)).json.statusMessage, /the body has no encodedSignedData/);
  });

  it("refuses malformed JSON and bodies over 1 MiB with 400, and keeps serving", async () => {
    const malformed = await login("{not json");
    assert.equal(malformed.status, 400);
    assert.match(malformed.json.statusMessage, /not valid JSON/);
    const huge = await login(JSON.stringify({ encodedData: "A".repeat(1024 * 1024 + 10) }));
    assert.equal(huge.status, 400);
    assert.match(huge.json.statusMessage, /larger than 1048576 bytes/);
    assert.equal((await login(loginBody(credentials))).status, 201);
  });

  it("accepts Basic authentication with the same new response", async () => {
    const { status, json } = await login(undefined as never, `Basic ${Buffer.from("user:pass").toString("base64")}`);
    assert.equal(status, 201);
    assert.ok(json.tokenInfo?.refreshToken);
  });

  it("logs one line per decision, and never a token, signature or certificate", () => {
    const text = logs.join("\n");
    assert.match(text, /POST \/token\/authenticate 201 accepted \(CACertificate, CN=integration-test\)/);
    assert.match(text, /POST \/token\/authenticate 401 rejected: encodedDataFormat is missing/);
    assert.ok(!text.includes(credentials.headerValue.slice(0, 40)));
    assert.ok(!/tokenValue|"refreshToken"/.test(text));
  });
});

describe("serve: token routes", () => {
  it("validates, refreshes and logs out tokens it issued; refuses others", async () => {
    const { json } = await login(loginBody(credentials));
    const token = String(json.tokenInfo?.tokenValue);
    const auth = { authorization: `AnaplanAuthToken ${token}` };
    assert.equal((await fetch(`${base}/token/validate`, { headers: auth })).status, 200);
    assert.equal((await fetch(`${base}/token/validate`, { headers: { authorization: "AnaplanAuthToken forged" } })).status, 401);
    const refreshed = await fetch(`${base}/token/refresh`, { method: "POST", headers: auth });
    assert.equal(refreshed.status, 201);
    const next = String(((await refreshed.json()) as { tokenInfo: { tokenValue: string } }).tokenInfo.tokenValue);
    assert.equal((await fetch(`${base}/token/validate`, { headers: auth })).status, 401, "the refreshed token is replaced");
    const logout = await fetch(`${base}/token/logout`, { method: "POST", headers: { authorization: `AnaplanAuthToken ${next}` } });
    assert.equal(logout.status, 204);
    assert.equal((await fetch(`${base}/token/validate`, { headers: { authorization: `AnaplanAuthToken ${next}` } })).status, 401);
  });
});

describe("serve: the command", () => {
  it("prints one listening line, answers with --status 200 and --no-refresh-token, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--status", "200", "--no-refresh-token"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const res = await fetch(`${url}/token/authenticate`, { method: "POST", headers: { authorization: `CACertificate ${credentials.headerValue}` }, body: JSON.stringify(loginBody(credentials)) });
    assert.equal(res.status, 200);
    const json = (await res.json()) as { tokenInfo: Record<string, unknown> };
    assert.equal("refreshToken" in json.tokenInfo, false);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", resolve);
      child.kill("SIGTERM");
    });
    assert.equal(code, 0);
    assert.equal(stdout.split("\n").filter(Boolean).length, 1, "exactly one line on stdout");
  });

  it("serves https with --tls-cert and --tls-key", async () => {
    const tls = makeCredentials("localhost");
    const tlsDir = scratchDir("aal-tls-");
    const cert = path.join(tlsDir, "cert.pem");
    const key = path.join(tlsDir, "key.pem");
    fs.writeFileSync(cert, tls.certificatePem);
    fs.writeFileSync(key, tls.privateKeyPem);
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--tls-cert", cert, "--tls-key", key], { stdio: ["ignore", "pipe", "pipe"] });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        const m = /^listening on (https:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    // The certificate is self-signed: trust it for this one request only.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = https.request(`${url}/token/authenticate`, { method: "POST", rejectUnauthorized: false, headers: { authorization: "Basic dTpw" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 201);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  });

  it("a port in use is one line on stderr and exit 2", async () => {
    const port = (server.address() as AddressInfo).port;
    const child = spawn(process.execPath, [CLI, "serve", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 2);
    assert.match(stderr, /^anaplan-auth-lint: port \d+ on 127\.0\.0\.1 is in use\n$/);
  });
});
