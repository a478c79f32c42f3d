import { encodedDataTimestamp } from "../../rules/encoded-data-timestamp.js";
import { ruleTester } from "../support/rule-tester.js";

/** A v2 login whose bytes come from `build` (lines 1-2: imports; the build code starts on line 3). */
function login(build: string, imports = ""): string {
  return `import { randomBytes, sign } from "node:crypto";${imports}
import axios from "axios";
${build}
const signature = sign("RSA-SHA512", data, key);
await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2",
});`;
}

ruleTester(encodedDataTimestamp, {
  valid: [
    {
      name: "writeBigUInt64BE of Math.floor(Date.now() / 1000), then 100 random bytes",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "two writeUInt32BE halves of the seconds",
      code: login(`const seconds = Math.floor(Date.now() / 1000);
const ts = Buffer.alloc(8);
ts.writeUInt32BE(Math.floor(seconds / 2 ** 32), 0);
ts.writeUInt32BE(seconds >>> 0, 4);
const data = Buffer.concat([ts, randomBytes(92)]);`),
    },
    {
      name: "seconds written into the low half of an 8-byte buffer",
      code: login(`const ts = Buffer.alloc(8);
ts.writeUInt32BE(Date.now() / 1000 | 0, 4);
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "bigint division of Date.now() by 1000n",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigInt64BE(BigInt(Date.now()) / 1000n);
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "prefix built by a helper in another module (cross-file, .js import of a .ts file)",
      files: {
        "src/prefix.ts": `export function timestampPrefix(now = () => Math.floor(Date.now() / 1000)): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(now()));
  return b;
}
`,
        "src/auth.ts": login(`const data = Buffer.concat([timestampPrefix(), randomBytes(100)]);`, `\nimport { timestampPrefix } from "./prefix.js";`),
      },
    },
    {
      name: "precomputed data is static-encoded-data's to report",
      code: login(`const data = Buffer.from("SGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=", "base64");`),
    },
    {
      name: "clock value from a let assigned later",
      code: login(`let seconds = 0;
seconds = Math.trunc(new Date().getTime() / 1000);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(seconds));
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "a fractional seconds value in an integer write is truncated by Node",
      code: login(`const ts = Buffer.alloc(8);
ts.writeUInt32BE(Date.now() / 1000, 4);
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "no certificate login in the file",
      code: `const data = randomBytes(100);\nexport const encodedData = data.toString("base64");`,
    },
  ],
  invalid: [
    {
      name: "randomBytes(100) alone: no prefix",
      code: login(`const data = randomBytes(100);`),
      errors: [{ messageId: "no-prefix", line: 3, column: 14 }],
    },
    {
      name: "Date.now() milliseconds in the prefix",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Date.now()));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "milliseconds", line: 4 }],
    },
    {
      name: "new Date().getTime() through a constant is milliseconds too",
      code: login(`const now = new Date().getTime();
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(now));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "milliseconds", line: 5 }],
    },
    {
      name: "little-endian write",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64LE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "little-endian", line: 4 }],
    },
    {
      name: "a 4-byte prefix",
      code: login(`const ts = Buffer.alloc(4);
ts.writeUInt32BE(Math.floor(Date.now() / 1000));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "prefix-width", line: 4 }],
    },
    {
      name: "an 8-byte buffer nothing was written into",
      code: login(`const data = Buffer.concat([Buffer.alloc(8), randomBytes(100)]);`),
      errors: [{ messageId: "no-prefix", line: 3 }],
    },
    {
      name: "random bytes from a helper in another module (cross-file)",
      files: {
        "src/nonce.ts": `import { randomBytes } from "node:crypto";\nexport const makeNonce = (n: number) => randomBytes(n);\n`,
        "src/auth.ts": login(`const data = makeNonce(100);`, `\nimport { makeNonce } from "./nonce.js";`),
      },
      errors: [{ messageId: "no-prefix", line: 2, file: "src/nonce.ts" }],
    },
    {
      name: "a v1 branch kept beside a correct one is a warning",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = process.env.LEGACY ? randomBytes(100) : Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "no-prefix", line: 5, column: 35, severity: "warning" }],
    },
    {
      name: "BigInt of a fractional number of seconds throws",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Date.now() / 1000));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "not-integer", line: 4 }],
    },
    {
      name: "hex instead of base64",
      code: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("hex"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }),
});`,
      errors: [{ messageId: "not-base64", line: 7 }],
    },
    {
      name: "milliseconds from a clock helper in another module (cross-file)",
      files: {
        "src/clock.ts": `export const nowSeconds = () => Date.now();\n`,
        "src/auth.ts": login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(nowSeconds()));
const data = Buffer.concat([ts, randomBytes(100)]);`, `\nimport { nowSeconds } from "./clock.js";`),
      },
      errors: [{ messageId: "milliseconds", line: 5, file: "src/auth.ts" }],
    },
    {
      name: "bytes from a parameter cannot be verified",
      code: `import axios from "axios";
export function send(data: Buffer, signature: Buffer) {
  return axios.post("https://auth.anaplan.com/token/authenticate", {
    encodedData: data.toString("base64"),
    encodedSignedData: signature.toString("base64"),
    encodedDataFormat: "v2",
  });
}`,
      errors: [{ messageId: "unverified", line: 2, severity: "info" }],
    },
  ],
});

// --fix: the exact text after fixing.
const HELPER_TS = `/** encodedData for encodedDataFormat v2: the current Unix time in seconds as 8 bytes big-endian, then the bytes. */
function withV2Timestamp(bytes: Buffer): Buffer {
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
  return Buffer.concat([timestamp, bytes]);
}`;
const LOGIN_URL = "https://auth.anaplan.com/token/authenticate";
ruleTester(encodedDataTimestamp, {
  valid: [],
  invalid: [
    {
      name: "fix (TS, ESM): random bytes both sent and signed get the prefix through a helper after the imports",
      code: `import axios from "axios";
import { randomBytes, sign } from "node:crypto";

export async function login(key: string) {
  const data = randomBytes(100);
  const signature = sign("RSA-SHA512", data, key);
  return axios.post("${LOGIN_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" });
}`,
      errors: [{ messageId: "no-prefix", line: 5 }],
      output: `import axios from "axios";
import { randomBytes, sign } from "node:crypto";

${HELPER_TS}

export async function login(key: string) {
  const data = withV2Timestamp(randomBytes(100));
  const signature = sign("RSA-SHA512", data, key);
  return axios.post("${LOGIN_URL}", { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" });
}`,
    },
    {
      name: "fix (JS, CommonJS): the helper without types, after the requires",
      filename: "lib/login.cjs",
      code: `"use strict";
const crypto = require("crypto");
const https = require("https");
function login(key) {
    const data = crypto.randomBytes(100);
    const signature = crypto.sign("RSA-SHA512", data, key);
    const req = https.request("${LOGIN_URL}", { method: "POST" });
    req.end(JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }));
}
module.exports = { login };`,
      errors: [{ messageId: "no-prefix", line: 5, file: "lib/login.cjs" }],
      output: `"use strict";
const crypto = require("crypto");
const https = require("https");

/** encodedData for encodedDataFormat v2: the current Unix time in seconds as 8 bytes big-endian, then the bytes. */
function withV2Timestamp(bytes) {
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
    return Buffer.concat([timestamp, bytes]);
}

function login(key) {
    const data = withV2Timestamp(crypto.randomBytes(100));
    const signature = crypto.sign("RSA-SHA512", data, key);
    const req = https.request("${LOGIN_URL}", { method: "POST" });
    req.end(JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }));
}
module.exports = { login };`,
    },
    {
      name: "fix: random bytes signed apart from what is sent are left alone (no safe rewrite)",
      code: `import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
const other = randomBytes(100);
const signature = sign("RSA-SHA512", other, key);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "no-prefix", line: 2 }],
      output: null,
    },
    {
      name: "fix: none where the random bytes are made once, when the module loads",
      code: `import { randomBytes, sign } from "node:crypto";
const NONCE = randomBytes(100);
export const login = (key: string) => fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: NONCE.toString("base64"), encodedSignedData: sign("RSA-SHA512", NONCE, key).toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "no-prefix", line: 2 }],
      output: null,
    },
    {
      name: "fix: none where the file has a function of its own by the helper's name",
      code: `import { randomBytes, sign } from "node:crypto";
function withV2Timestamp(x: string): string { return "v2:" + x; }
export function login(key: string) {
  const data = randomBytes(100);
  return fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: withV2Timestamp("") }) });
}`,
      errors: [{ messageId: "no-prefix", line: 4 }],
      output: null,
    },
    {
      name: "fix: none for a timestamp written as two little-endian 32-bit halves (they would have to swap too)",
      code: `import { randomBytes, sign } from "node:crypto";
const secs = Math.floor(Date.now() / 1000);
const ts = Buffer.alloc(8);
ts.writeUInt32LE(secs >>> 0, 0);
ts.writeUInt32LE(Math.floor(secs / 0x100000000), 4);
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "little-endian", line: 4 }],
      output: null,
    },
    {
      name: "fix: milliseconds become seconds where the clock is read",
      code: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Date.now()));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "milliseconds", line: 3 }],
      output: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }) });`,
    },
    {
      name: "fix: a little-endian write becomes big-endian",
      code: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64LE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "little-endian", line: 3 }],
      output: `import { randomBytes, sign } from "node:crypto";
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, randomBytes(100)]);
await fetch("${LOGIN_URL}", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }) });`,
    },
  ],
});
