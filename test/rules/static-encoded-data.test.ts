import { staticEncodedData } from "../../rules/static-encoded-data.js";
import { postmanCollection } from "../support/postman.js";
import { ruleTester } from "../support/rule-tester.js";
import { V1_FETCH_LOGIN } from "../support/snippets.js";

const BASE64_DATA = "HUw5n/+wUtFcWUdbbOEZscx2IrczdOi1iDfzAP2pz2Qx3gJ8Jsi7k79WArs46038ilbz5wkd5LMst6zKeEvPo2oNxEA==";
const BASE64_SIGNATURE = "tUho1O85ju7Bvrc5U7Pv6vuu1cUdz+9KU+U6AdfSSCPyT4Xj77lS/NDIPTKvoj6DHKwoYr87apB3Odq1ZCVxmcNdKtdQ==";

ruleTester(staticEncodedData, {
  valid: [
    {
      name: "bytes built and signed per request",
      code: V1_FETCH_LOGIN,
    },
    {
      name: "a literal encodedData sent to another service",
      code: `await fetch("https://esign.example.com/v1/documents", { method: "POST", body: JSON.stringify({ encodedData: "${BASE64_DATA}" }) });`,
    },
    {
      name: "a constant that is never sent",
      code: `export const SAMPLE = { encodedData: "${BASE64_DATA}", encodedSignedData: "${BASE64_SIGNATURE}" };`,
    },
    {
      name: "Postman variables computed by a pre-request script",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{EncodedData}}","encodedSignedData":"{{EncodedSignedData}}","encodedDataFormat":"v2"}', { events: [
        {
          listen: "prerequest",
          script: {
            exec: [
              "const bytes = CryptoJS.lib.WordArray.random(100);",
              'pm.environment.set("EncodedData", CryptoJS.enc.Base64.stringify(bytes));',
              'pm.environment.set("EncodedSignedData", signWithKey(bytes));',
            ],
          },
        },
      ] }),
    },
    {
      name: "a Postman environment that leaves the values empty",
      filename: "anaplan.postman_environment.json",
      code: JSON.stringify({ name: "prod", values: [{ key: "EncodedData", value: "" }, { key: "Certificate", value: "abc" }], _postman_variable_scope: "environment" }),
    },
    {
      name: "a key and certificate read from files are not stored payload data",
      code: `import { readFileSync } from "node:fs";
import { randomBytes, sign } from "node:crypto";
const key = readFileSync(process.env.KEY_PATH ?? "key.pem", "utf8");
const data = randomBytes(100);
await fetch(process.env.ANAPLAN_AUTH_URL!, { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64") }) });`,
    },
    {
      name: "a script that logs in once, at the top level, takes a fresh timestamp",
      code: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }),
});`,
    },
    {
      name: "a base64 helper that builds its string step by step is not a stored value",
      code: `import { randomBytes, sign } from "node:crypto";
function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
const data = randomBytes(100);
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: toBase64(data), encodedSignedData: toBase64(sign("RSA-SHA512", data, key)) }) });`,
    },
    {
      name: "an empty placeholder overwritten before sending",
      code: `import { randomBytes, sign } from "node:crypto";
let encoded = "";
const data = randomBytes(100);
encoded = data.toString("base64");
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: encoded, encodedSignedData: sign("RSA-SHA512", data, key).toString("base64") }) });`,
    },
    {
      name: "Basic login",
      code: `await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", headers: { Authorization: "Basic abc" } });`,
    },
    {
      name: "computed in a helper module (cross-file)",
      files: {
        "src/payload.js": `const crypto = require("crypto");
module.exports.payload = (key) => {
  const data = crypto.randomBytes(100);
  return { encodedData: data.toString("base64"), encodedSignedData: crypto.sign("RSA-SHA512", data, key).toString("base64") };
};`,
        "src/auth.js": `const { payload } = require("./payload");\nfetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify(payload(k)) });`,
      },
    },
  ],
  invalid: [
    {
      name: "string constants pasted into the source",
      code: `import axios from "axios";
const ENCODED_DATA = "${BASE64_DATA}";
const ENCODED_SIGNED_DATA = "${BASE64_SIGNATURE}";
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: ENCODED_DATA, encodedSignedData: ENCODED_SIGNED_DATA });`,
      errors: [
        { messageId: "literal", line: 2, column: 22 },
        { messageId: "literal", line: 3, column: 29 },
      ],
    },
    {
      name: "a JSON body written out as one string literal",
      code: `const body = '{"encodedData": "${BASE64_DATA}", "encodedSignedData": "${BASE64_SIGNATURE}", "encodedDataFormat": "v2"}';
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body });`,
      errors: [
        { messageId: "literal", line: 1, column: 14 },
        { messageId: "literal", line: 1, column: 14 },
      ],
    },
    {
      name: "values from a config module (cross-file)",
      files: {
        "config.js": `module.exports = {\n  encodedData: "${BASE64_DATA}",\n  encodedSignedData: "${BASE64_SIGNATURE}",\n};\n`,
        "src/auth.js": `const config = require("../config");
fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: config.encodedData, encodedSignedData: config.encodedSignedData, encodedDataFormat: "v2" }),
});`,
      },
      errors: [
        { messageId: "literal", line: 2, file: "config.js" },
        { messageId: "literal", line: 3, file: "config.js" },
      ],
    },
    {
      name: "values from a JSON file read with readFileSync + JSON.parse (cross-file)",
      files: {
        "anaplan-login.json": `{\n  "data": "${BASE64_DATA}",\n  "signature": "${BASE64_SIGNATURE}"\n}\n`,
        "src/auth.ts": `import { readFileSync } from "node:fs";
const login = JSON.parse(readFileSync("anaplan-login.json", "utf8"));
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: login.data, encodedSignedData: login.signature, encodedDataFormat: "v2" }),
});`,
      },
      errors: [
        { messageId: "literal", line: 2, file: "anaplan-login.json" },
        { messageId: "literal", line: 3, file: "anaplan-login.json" },
      ],
    },
    {
      name: "encodedData from an environment variable is a warning",
      code: `await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({
    encodedData: process.env.ANAPLAN_ENCODED_DATA,
    encodedSignedData: process.env.ANAPLAN_SIGNED_DATA,
  }),
});`,
      errors: [
        { messageId: "environment", line: 4, severity: "warning" },
        { messageId: "environment", line: 5, severity: "warning" },
      ],
    },
    {
      name: "static readonly class fields",
      code: `import axios from "axios";
export class LegacyAuth {
  static readonly ENCODED_DATA = "${BASE64_DATA}";
  static readonly ENCODED_SIGNED_DATA = process.env.ANAPLAN_SIGNED!;
  login() {
    return axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: LegacyAuth.ENCODED_DATA, encodedSignedData: LegacyAuth.ENCODED_SIGNED_DATA, encodedDataFormat: "v2" });
  }
}`,
      errors: [
        { messageId: "literal", line: 3 },
        { messageId: "environment", line: 4, severity: "warning" },
      ],
    },
    {
      name: "a timestamp taken once when the module loads, sent by every later login",
      code: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const DATA = Buffer.concat([ts, randomBytes(100)]);
export async function login(key: string) {
  return fetch("https://auth.anaplan.com/token/authenticate", {
    method: "POST",
    body: JSON.stringify({ encodedData: DATA.toString("base64"), encodedSignedData: sign("RSA-SHA512", DATA, key).toString("base64"), encodedDataFormat: "v2" }),
  });
}`,
      errors: [{ messageId: "computed-once", line: 3, severity: "warning" }],
    },
    {
      name: "Postman variables no script computes",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{EncodedData}}","encodedSignedData":"{{EncodedSignedData}}"}'),
      errors: [
        { messageId: "unset-variable", line: 15 },
        { messageId: "unset-variable", line: 15 },
      ],
    },
    {
      name: "literal base64 in a Postman body",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection(`{"encodedData":"${BASE64_DATA}","encodedSignedData":"${BASE64_SIGNATURE}","encodedDataFormat":"v2"}`),
      errors: [
        { messageId: "literal", line: 15 },
        { messageId: "literal", line: 15 },
      ],
    },
    {
      name: "a pre-request script that sets the variables from literals",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection('{"encodedData":"{{EncodedData}}","encodedSignedData":"{{EncodedSignedData}}","encodedDataFormat":"v2"}', { events: [
        {
          listen: "prerequest",
          script: { exec: ["// pasted from openssl output", `pm.environment.set("EncodedData", "${BASE64_DATA}");`, `pm.environment.set("EncodedSignedData", "${BASE64_SIGNATURE}");`] },
        },
      ] }),
      errors: [
        { messageId: "literal", line: 12 },
        { messageId: "literal", line: 13 },
      ],
    },
    {
      name: "values stored in a Postman environment file",
      filename: "anaplan.postman_environment.json",
      code: JSON.stringify(
        { name: "prod", values: [{ key: "EncodedData", value: BASE64_DATA }, { key: "EncodedSignedData", value: BASE64_SIGNATURE }], _postman_variable_scope: "environment" },
        null,
        2,
      ),
      errors: [
        { messageId: "stored-value", line: 6 },
        { messageId: "stored-value", line: 10 },
      ],
    },
  ],
});
