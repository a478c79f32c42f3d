// Never calls out: a scan (with remote $refs, URLs everywhere, --fix-dry-run, the cache and worker threads)
// runs with every way of opening a connection replaced by one that records the attempt and fails. None may
// be recorded. The guard is preloaded with --require, so it is in place before the tool's first line runs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { CLI, REPO_ROOT } from "./support/cli.js";
import { scratchDir } from "./support/scratch.js";

const GUARD = `
const fs = require("node:fs");
const log = process.env.NETWORK_LOG;
fs.appendFileSync(log, "loaded\\n");
const refuse = (what) => function () {
  fs.appendFileSync(log, "attempt " + what + "\\n");
  throw new Error("network access attempted: " + what);
};
const net = require("node:net"), tls = require("node:tls"), http = require("node:http"), https = require("node:https"), dns = require("node:dns"), dgram = require("node:dgram");
net.connect = net.createConnection = refuse("net.connect");
net.Socket.prototype.connect = refuse("net.Socket.connect");
tls.connect = refuse("tls.connect");
http.request = http.get = refuse("http.request");
https.request = https.get = refuse("https.request");
dns.lookup = dns.resolve = refuse("dns");
dns.promises.lookup = dns.promises.resolve = refuse("dns.promises");
dgram.createSocket = refuse("dgram");
globalThis.fetch = refuse("fetch");
`;

it("a scan opens no network connection", () => {
  const dir = scratchDir("aal-offline-");
  fs.cpSync(path.join(REPO_ROOT, "fixtures"), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "remote.schema.json"), JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { tokenInfo: { $ref: "https://schemas.example.com/token.json", additionalProperties: false }, meta: { $ref: "http://10.0.0.1/meta.json#/x" } }, additionalProperties: false }));
  // Enough files for the first pass to run on worker threads, which get the guard too.
  for (let i = 0; i < 900; i++) fs.writeFileSync(path.join(dir, `filler-${i}.js`), `export const url${i} = "https://auth.anaplan.com/token/validate";\n`);
  const guard = path.join(dir, "guard.cjs");
  const log = path.join(dir, "network.log");
  fs.writeFileSync(guard, GUARD);
  for (const args of [["--format", "json", "--jobs", "2", "--cache", "."], ["--fix-dry-run", "."]]) {
    const r = spawnSync(process.execPath, ["--require", guard, CLI, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NETWORK_LOG: log } });
    assert.ok(r.status === 1, `exit ${r.status}: ${r.stderr}`);
  }
  const entries = fs.readFileSync(log, "utf8").trim().split("\n");
  assert.ok(entries.filter((e) => e === "loaded").length >= 3, "the guard was in place, in the workers too");
  assert.deepEqual(entries.filter((e) => e !== "loaded"), []);
});
