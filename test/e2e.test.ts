// End to end: small v1 integrations (fixtures/e2e) log in against the local v2 server. Before --fix each
// fails; after --fix alone each authenticates, and its response validator accepts the answer with and
// without tokenInfo.refreshToken. The fixtures are run here, by the test, never by the tool.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { lintAndFix } from "../src/fix/runner.js";
import { createAuthServer } from "../src/v2/auth-server.js";
import { makeCredentials } from "./support/certificates.js";
import { REPO_ROOT } from "./support/cli.js";
import { scratchDir } from "./support/scratch.js";

type Login = (authBaseUrl: string, certificatePem: string, privateKeyPem: string) => Promise<string>;

const credentials = makeCredentials("e2e-client");
const servers = [true, false].map((refreshToken) => createAuthServer({ skewSeconds: 300, refreshToken, successStatus: 201, log: () => {} }));
const urls: string[] = [];
let loads = 0;

before(async () => {
  for (const server of servers) {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});
after(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** A copy of the sample, able to import the packages the repository installed. */
function copyOf(sample: string): string {
  const dir = scratchDir(`aal-e2e-${sample}-`);
  fs.cpSync(path.join(REPO_ROOT, "fixtures/e2e", sample), dir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

async function loginWith(dir: string, entry: string, url: string): Promise<string> {
  const file = path.join(dir, entry);
  let login: Login;
  if (entry.endsWith(".cjs")) {
    // CommonJS modules are cached by file name: forget the sample's, so the fixed code is what runs.
    const require = createRequire(file);
    for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
    login = (require(file) as { login: Login }).login;
  } else {
    // A fresh URL each time, so the fixed module is loaded anew rather than taken from the cache.
    login = ((await import(`${pathToFileURL(file).href}?load=${++loads}`)) as { login: Login }).login;
  }
  return login(url, credentials.certificatePem, credentials.privateKeyPem);
}

const SAMPLES: [string, string][] = [
  ["axios-zod", "login.mjs"],
  ["fetch-joi", "login.mjs"],
  ["cjs-https-json-schema", "login.cjs"],
];

describe("v1 integrations against the local v2 server", { timeout: 120_000 }, () => {
  for (const [sample, entry] of SAMPLES) {
    it(`${sample}: fails before --fix, logs in after it, with and without refreshToken in the answer`, async () => {
      const dir = copyOf(sample);
      try {
        for (const url of urls) await assert.rejects(loginWith(dir, entry, url), `${sample} must fail before the fix`);
        const { result } = await lintAndFix({ cwd: dir, paths: ["."] });
        assert.deepEqual(result.findings.filter((f) => f.severity === "error").map((f) => `${f.file}:${f.line} ${f.ruleId}`), [], "no error is left after --fix");
        for (const url of urls) assert.match(await loginWith(dir, entry, url), /^[\w-]{20,}$/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
