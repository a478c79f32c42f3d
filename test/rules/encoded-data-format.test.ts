import { encodedDataFormat } from "../../rules/encoded-data-format.js";
import { postmanCollection } from "../support/postman.js";
import { ruleTester } from "../support/rule-tester.js";

// Line 1-6 of every snippet: imports and correctly built, correctly signed bytes.
const PRELUDE = `import axios from "axios";
import { randomBytes, sign } from "node:crypto";
const timestamp = Buffer.alloc(8);
timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([timestamp, randomBytes(100)]);
const signature = sign("RSA-SHA512", data, process.env.KEY!);
`;

ruleTester(encodedDataFormat, {
  valid: [
    {
      name: "v2 body sent with axios",
      code: `${PRELUDE}await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2",
});`,
    },
    {
      name: "an encodedData property sent to another service is no payload",
      code: `const doc = { fileName: "a.pdf", encodedData: pdf.toString("base64") };
await fetch(\`\${config.signingServiceUrl}/v1/archive/documents\`, { method: "POST", body: JSON.stringify(doc) });`,
    },
    {
      name: "a payload builder that is never sent is no payload",
      code: `${PRELUDE}export function describePayload() {
  return { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") };
}`,
    },
    {
      name: "environment variable that defaults to v2",
      code: `${PRELUDE}await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: process.env.ANAPLAN_FORMAT ?? "v2",
});`,
    },
    {
      name: "Basic authentication has no body to check",
      code: `await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  headers: { Authorization: "Basic " + Buffer.from("u:p").toString("base64") },
});`,
    },
    {
      name: "the refresh endpoint is not the certificate login",
      code: `await axios.post("https://auth.anaplan.com/token/refresh", { encodedData: "x" });`,
    },
    {
      name: "format constant imported from a config module (cross-file)",
      files: {
        "src/config.ts": `export const FORMAT = "v2";\nexport const AUTH_URL = "https://auth.anaplan.com/token/authenticate";\n`,
        "src/auth.ts": `${PRELUDE}import { FORMAT, AUTH_URL } from "./config.js";
await axios.post(AUTH_URL, { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: FORMAT });`,
      },
    },
    {
      name: "Postman body that carries v2",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}","encodedDataFormat":"v2"}'),
    },
  ],
  invalid: [
    {
      name: "v1 body posted with axios",
      code: `${PRELUDE}await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
});`,
      errors: [{ messageId: "missing", line: 7, column: 65 }],
    },
    {
      name: "v1 value in a fetch body",
      code: `${PRELUDE}const res = await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({
    encodedData: data.toString("base64"),
    encodedSignedData: signature.toString("base64"),
    encodedDataFormat: "v1",
  }),
});`,
      errors: [{ messageId: "wrong-value", line: 9 }],
    },
    {
      name: "upper-case V2 and the number 2 are not v2",
      code: `${PRELUDE}const url = "https://auth.anaplan.com/token/authenticate";
await axios.post(url, { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "V2" });
await axios.post(url, { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: 2 });`,
      errors: [
        { messageId: "wrong-value", line: 8, message: 'encodedDataFormat is "V2", but Anaplan accepts only the string "v2" since 19 June 2026, so every login fails. Set it to "v2".' },
        { messageId: "wrong-value", line: 9 },
      ],
    },
    {
      name: "null and undefined are no v2 (undefined is even left out of the JSON)",
      code: `${PRELUDE}await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: null });
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: undefined });`,
      errors: [
        { messageId: "wrong-value", line: 7 },
        { messageId: "wrong-value", line: 8 },
      ],
    },
    {
      name: "a spread after the field overrides it, as JavaScript does",
      code: `${PRELUDE}const base = { encodedDataFormat: "v1" };
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedDataFormat: "v2", ...base, encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") });`,
      errors: [{ messageId: "wrong-value", line: 8 }],
    },
    {
      name: "null in a Postman raw body",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}","encodedDataFormat":null}'),
      errors: [{ messageId: "wrong-value", line: 13 }],
    },
    {
      name: "a value that is not version-like is described, not printed (it may be a secret put in the wrong place)",
      code: `${PRELUDE}const passphrase = "correct-horse-battery";
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: passphrase });`,
      errors: [{ messageId: "wrong-value", line: 8, message: 'encodedDataFormat is a 21-character string, but Anaplan accepts only the string "v2" since 19 June 2026, so every login fails. Set it to "v2".' }],
    },
    {
      name: "environment variable without a v2 default",
      code: `${PRELUDE}await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: process.env.ANAPLAN_FORMAT || "v1",
});`,
      errors: [{ messageId: "environment-default", line: 7 }],
    },
    {
      name: "sent as a header instead of in the body",
      code: `${PRELUDE}await axios.post(
  "https://auth.anaplan.com/token/authenticate",
  { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") },
  { headers: { encodedDataFormat: "v2", Authorization: "CACertificate abc" } },
);`,
      errors: [{ messageId: "header-only", line: 9 }],
    },
    {
      name: "a v1 branch kept behind a switch is a warning",
      code: `${PRELUDE}const legacy = process.env.ANAPLAN_LEGACY === "1";
await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: legacy ? "v1" : "v2",
});`,
      errors: [{ messageId: "legacy-branch", line: 8, severity: "warning" }],
    },
    {
      name: "payload built in another module and URL from a CommonJS config (cross-file)",
      files: {
        "config.js": `module.exports = { AUTH_BASE: "https://auth.anaplan.com" };\n`,
        "lib/payload.js": `const crypto = require("crypto");
function buildPayload(key) {
  const data = crypto.randomBytes(100);
  return {
    encodedData: data.toString("base64"),
    encodedSignedData: crypto.sign("RSA-SHA512", data, key).toString("base64"),
  };
}
module.exports = { buildPayload };
`,
        "lib/login.js": `const axios = require("axios");
const { AUTH_BASE } = require("../config");
const { buildPayload } = require("./payload");
exports.login = (key) => axios.post(\`\${AUTH_BASE}/token/authenticate\`, buildPayload(key));
`,
      },
      errors: [{ messageId: "missing", line: 4, file: "lib/payload.js" }],
    },
    {
      name: "https.request with the body written by req.write",
      code: `import https from "node:https";
import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
const body = { encodedData: data.toString("base64"), encodedSignedData: sign("sha512", data, key).toString("base64") };
const req = https.request({ hostname: "auth.anaplan.com", path: "/token/authenticate", method: "POST" }, onResponse);
req.write(JSON.stringify(body));
req.end();`,
      errors: [{ messageId: "missing", line: 4 }],
    },
    {
      name: "axios instance with a baseURL and a relative path",
      code: `${PRELUDE}const client = axios.create({ baseURL: "https://au1a.app2.anaplan.com" });
await client.post("/token/authenticate", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") });`,
      errors: [{ messageId: "missing", line: 8 }],
    },
    {
      name: "URL from a parameter: the shape is enough",
      code: `${PRELUDE}export async function login(url: string) {
  const payload: Record<string, string> = { encodedData: "", encodedSignedData: "" };
  payload.encodedData = data.toString("base64");
  payload.encodedSignedData = signature.toString("base64");
  return fetch(url, { method: "POST", body: JSON.stringify(payload) });
}`,
      errors: [{ messageId: "missing", line: 8 }],
    },
    {
      name: "v1 format from a JSON config file loaded with require",
      files: {
        "anaplan.json": `{ "format": "v1" }\n`,
        "src/auth.js": `const axios = require("axios");
const crypto = require("crypto");
const settings = require("../anaplan.json");
const data = crypto.randomBytes(100);
axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: crypto.sign("RSA-SHA512", data, key).toString("base64"),
  encodedDataFormat: settings.format,
});`,
      },
      errors: [{ messageId: "wrong-value", line: 5, file: "src/auth.js" }],
    },
    {
      name: "class fields from a JSON config imported with import attributes; one payload sent twice is one finding",
      files: {
        "src/anaplan.json": `{ "format": "v1", "authUrl": "https://auth.anaplan.com/token/authenticate" }\n`,
        "src/client.ts": `import config from "./anaplan.json" with { type: "json" };
import { randomBytes, sign } from "node:crypto";
export class AnaplanClient {
  private readonly format = config.format;
  private readonly url = config.authUrl;
  constructor(private readonly key: string) {}
  private payload() {
    const data = randomBytes(100);
    return { encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, this.key).toString("base64"), encodedDataFormat: this.format };
  }
  async login() {
    const body = this.payload();
    await fetch(this.url, { method: "POST", body: JSON.stringify(body) });
    await fetch(this.url, { method: "POST", body: JSON.stringify(body) });
  }
}`,
      },
      errors: [{ messageId: "wrong-value", line: 9, file: "src/client.ts" }],
    },
    {
      name: "fields spread in from a shared object, URL joined with +",
      code: `${PRELUDE}const base = { encodedDataFormat: "v1" };
const AUTH = "https://auth.anaplan.com";
await axios.post(AUTH + "/token/authenticate", { ...base, encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") });`,
      errors: [{ messageId: "wrong-value", line: 9 }],
    },
    {
      name: "Postman request body without the field",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}"}', { url: { raw: "{{authHost}}/token/authenticate" } }),
      errors: [{ messageId: "missing", line: 15 }],
    },
  ],
});

// --fix: the exact text after fixing, in the file's own style.
const SEND_URL = "https://auth.anaplan.com/token/authenticate";
ruleTester(encodedDataFormat, {
  valid: [],
  invalid: [
    {
      name: "fix: a multi-line body gains the field on its own line, with a comma after the last property",
      code: `${PRELUDE}await axios.post("${SEND_URL}", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64")
});`,
      errors: [{ messageId: "missing", line: 7 }],
      output: `${PRELUDE}await axios.post("${SEND_URL}", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2"
});`,
    },
    {
      name: "fix: the trailing-comma habit is kept",
      code: `${PRELUDE}await axios.post("${SEND_URL}", {
    encodedData: data.toString("base64"),
    encodedSignedData: signature.toString("base64"),
});`,
      errors: [{ messageId: "missing", line: 7 }],
      output: `${PRELUDE}await axios.post("${SEND_URL}", {
    encodedData: data.toString("base64"),
    encodedSignedData: signature.toString("base64"),
    encodedDataFormat: "v2",
});`,
    },
    {
      name: "fix: a one-line body in a single-quoted CommonJS file",
      filename: "lib/login.js",
      code: `const https = require('https');
const { randomBytes, sign } = require('crypto');
const t = Buffer.alloc(8); t.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([t, randomBytes(100)]);
const body = JSON.stringify({ encodedData: data.toString('base64'), encodedSignedData: sign('RSA-SHA512', data, key).toString('base64') });
const req = https.request('https://auth.anaplan.com/token/authenticate', { method: 'POST' });
req.end(body);`,
      errors: [{ messageId: "missing", line: 5, file: "lib/login.js" }],
      output: `const https = require('https');
const { randomBytes, sign } = require('crypto');
const t = Buffer.alloc(8); t.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([t, randomBytes(100)]);
const body = JSON.stringify({ encodedData: data.toString('base64'), encodedSignedData: sign('RSA-SHA512', data, key).toString('base64'), encodedDataFormat: 'v2' });
const req = https.request('https://auth.anaplan.com/token/authenticate', { method: 'POST' });
req.end(body);`,
    },
    {
      name: "fix: quoted keys stay quoted",
      code: `${PRELUDE}await axios.post("${SEND_URL}", { "encodedData": data.toString("base64"), "encodedSignedData": signature.toString("base64") });`,
      errors: [{ messageId: "missing", line: 7 }],
      output: `${PRELUDE}await axios.post("${SEND_URL}", { "encodedData": data.toString("base64"), "encodedSignedData": signature.toString("base64"), "encodedDataFormat": "v2" });`,
    },
    {
      name: "fix: a wrong literal becomes v2 in its own quotes, and a number becomes a string",
      code: `${PRELUDE}await axios.post("${SEND_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: 'v1' });
await axios.post("${SEND_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: 2 });`,
      errors: [
        { messageId: "wrong-value", line: 7 },
        { messageId: "wrong-value", line: 8 },
      ],
      output: `${PRELUDE}await axios.post("${SEND_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: 'v2' });
await axios.post("${SEND_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" });`,
    },
    {
      name: "fix: an environment variable with a v1 default is left to the user",
      code: `${PRELUDE}await axios.post("${SEND_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: process.env.FMT ?? "v1" });`,
      errors: [{ messageId: "environment-default", line: 7 }],
      output: null,
    },
    {
      name: "fix: a wrong value in a Postman raw body becomes v2",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}","encodedDataFormat":"v1"}', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
      errors: [{ messageId: "wrong-value", line: 23 }],
      output: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}","encodedDataFormat":"v2"}', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
    },
    {
      name: "fix: a compact Postman raw body gains the field in its own spacing",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}"}', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
      errors: [{ messageId: "missing", line: 23 }],
      output: postmanCollection('{"encodedData":"{{d}}","encodedSignedData":"{{s}}","encodedDataFormat":"v2"}', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
    },
    {
      name: "fix: an unquoted {{variable}} stands for a value; the field goes after it, not into it",
      filename: "login.postman_collection.json",
      code: postmanCollection('{"encodedData": "{{d}}", "encodedSignedData": {{s}} }', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
      errors: [{ messageId: "missing", line: 23 }],
      output: postmanCollection('{"encodedData": "{{d}}", "encodedSignedData": {{s}}, "encodedDataFormat": "v2" }', { events: [{ listen: "prerequest", script: { exec: ['pm.environment.set("d", "x");', 'pm.environment.set("s", "y");'] } }] }),
    },
  ],
});
