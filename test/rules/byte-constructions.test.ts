// The ways integrations build encodedData's bytes, each judged as the bytes it produces.
import { encodedDataTimestamp } from "../../rules/encoded-data-timestamp.js";
import { ruleTester } from "../support/rule-tester.js";

/** Line 1: imports; the construction of `data` starts on line 2. */
function login(build: string): string {
  return `import { randomBytes, randomFillSync, sign, webcrypto } from "node:crypto";
${build}
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: Buffer.from(data).toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64"), encodedDataFormat: "v2" }),
});`;
}

const SECONDS = "BigInt(Math.floor(Date.now() / 1000))";

ruleTester(encodedDataTimestamp, {
  valid: [
    {
      name: "timestamp written into the first 8 bytes of a buffer whose rest is random-filled",
      code: login(`const data = Buffer.alloc(108);
data.writeBigUInt64BE(${SECONDS}, 0);
randomFillSync(data, 8);`),
    },
    {
      name: "timestamp written over the first 8 bytes of randomBytes(108)",
      code: login(`const data = randomBytes(108);
data.writeBigUInt64BE(${SECONDS}, 0);`),
    },
    {
      name: "seconds written byte by byte, low byte last (big-endian)",
      code: login(`const ts = Buffer.alloc(8);
let t = Math.floor(Date.now() / 1000);
for (let i = 7; i >= 0; i--) {
  ts[i] = t & 0xff;
  t = Math.floor(t / 256);
}
const data = Buffer.concat([ts, randomBytes(100)]);`),
    },
    {
      name: "a typed array whose size is written as a sum",
      code: login(`const data = new Uint8Array(8 + 100);
new DataView(data.buffer).setBigUint64(0, ${SECONDS}, false);
webcrypto.getRandomValues(data.subarray(8));`),
    },
    {
      name: "getRandomValues on a subarray after the prefix",
      code: login(`const data = new Uint8Array(108);
new DataView(data.buffer).setBigUint64(0, ${SECONDS}, false);
webcrypto.getRandomValues(data.subarray(8));`),
    },
    {
      name: "prefix and nonce copied into one buffer at their offsets",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(${SECONDS});
const nonce = randomBytes(100);
const data = Buffer.alloc(108);
ts.copy(data, 0);
nonce.copy(data, 8);`),
    },
    {
      name: "Uint8Array.set at offsets",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(${SECONDS});
const data = new Uint8Array(108);
data.set(ts, 0);
data.set(crypto.getRandomValues(new Uint8Array(100)), 8);`),
    },
    {
      name: "hex seconds padded to 16 digits",
      code: login(`const hex = Math.floor(Date.now() / 1000).toString(16).padStart(16, "0");
const data = Buffer.concat([Buffer.from(hex, "hex"), randomBytes(100)]);`),
    },
    {
      name: "a clock passed as a default parameter",
      code: login(`function prefix(now = Date.now) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(Math.floor(now() / 1000)));
  return b;
}
const data = Buffer.concat([prefix(), randomBytes(100)]);`),
    },
    {
      name: "performance.timeOrigin + performance.now() divided to seconds",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor((performance.timeOrigin + performance.now()) / 1000)));
const data = Buffer.concat([ts, randomFillSync(Buffer.alloc(100))]);`),
    },
    {
      name: "random fill of a fresh allocation is random bytes",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(${SECONDS});
const data = Buffer.concat([ts, randomFillSync(Buffer.allocUnsafe(92))]);`),
    },
  ],
  invalid: [
    {
      name: "DataView written little-endian",
      code: login(`const data = new Uint8Array(108);
new DataView(data.buffer).setBigUint64(0, ${SECONDS}, true);
webcrypto.getRandomValues(data.subarray(8));`),
      errors: [{ messageId: "little-endian", line: 3 }],
    },
    {
      name: "a buffer random-filled whole: no prefix",
      code: login(`const data = Buffer.alloc(100);
randomFillSync(data);`),
      errors: [{ messageId: "no-prefix", line: 3 }],
    },
    {
      name: "getRandomValues of a new Uint8Array: no prefix",
      code: login(`const data = crypto.getRandomValues(new Uint8Array(100));`),
      errors: [{ messageId: "no-prefix", line: 2 }],
    },
    {
      name: "the nonce copied first, the prefix after it",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(${SECONDS});
const data = Buffer.alloc(108);
randomBytes(100).copy(data, 0);
ts.copy(data, 100);`),
      errors: [{ messageId: "no-prefix", line: 5 }],
    },
    {
      name: "milliseconds through a default-parameter clock",
      code: login(`function prefix(now = Date.now) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(now()));
  return b;
}
const data = Buffer.concat([prefix(), randomBytes(100)]);`),
      errors: [{ messageId: "milliseconds", line: 4 }],
    },
    {
      name: "performance.timeOrigin + performance.now() is milliseconds",
      code: login(`const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(performance.timeOrigin + performance.now())));
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "milliseconds", line: 3 }],
    },
    {
      name: "an ISO date as text",
      code: login(`const data = Buffer.concat([Buffer.from(new Date().toISOString()), randomBytes(100)]);`),
      errors: [{ messageId: "textual-timestamp", line: 2 }],
    },
    {
      name: "decimal seconds as text",
      code: login(`const data = Buffer.concat([Buffer.from(String(Math.floor(Date.now() / 1000))), randomBytes(100)]);`),
      errors: [{ messageId: "textual-timestamp", line: 2 }],
    },
    {
      name: "unpadded hex seconds make 4 bytes",
      code: login(`const data = Buffer.concat([Buffer.from(Math.floor(Date.now() / 1000).toString(16), "hex"), randomBytes(100)]);`),
      errors: [{ messageId: "prefix-width", line: 2 }],
    },
      {
      name: "random bytes spliced into hand-built JSON",
      code: `const data = require("crypto").randomBytes(100);
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: \`{"encodedData":"\${data.toString("base64")}","encodedSignedData":"\${sig}","encodedDataFormat":"v2"}\` });`,
      errors: [{ messageId: "no-prefix", line: 1 }],
    },
      {
      name: "bytes written low byte first from index 0 (little-endian)",
      code: login(`const ts = new Uint8Array(8);
let t = BigInt(Math.floor(Date.now() / 1000));
for (let i = 0; i < 8; i++) {
  ts[i] = Number(t & 0xffn);
  t >>= 8n;
}
const data = Buffer.concat([ts, randomBytes(100)]);`),
      errors: [{ messageId: "little-endian", line: 5 }],
    },
  ],
});
