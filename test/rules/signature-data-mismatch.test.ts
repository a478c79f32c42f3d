import { signatureDataMismatch } from "../../rules/signature-data-mismatch.js";
import { ruleTester } from "../support/rule-tester.js";
import { V1_FETCH_LOGIN } from "../support/snippets.js";

/** Lines 1-6: a correctly prefixed `data` built from `nonce`; `sign` (line 7 on) produces `signature`. */
function login(signing: string, imports = ""): string {
  return `import { createSign, randomBytes, sign } from "node:crypto";${imports}
import axios from "axios";
const nonce = randomBytes(100);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, nonce]);
${signing}
await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2",
});`;
}

ruleTester(signatureDataMismatch, {
  valid: [
    { name: "crypto.sign over the sent buffer", code: login(`const signature = sign("RSA-SHA512", data, key);`) },
    { name: "sha512 digest name", code: login(`const signature = sign("sha512", data, key);`) },
    {
      name: "createSign fed the prefix and the nonce in order is the same bytes",
      code: login(`const signature = createSign("RSA-SHA512").update(ts).update(nonce).sign(key);`),
    },
    {
      name: "a signer variable updated with the sent buffer",
      code: login(`const signer = createSign("RSA-SHA512");
signer.update(data);
const signature = signer.sign(key);`),
    },
    {
      name: "v1 bytes signed as sent (no prefix is the timestamp rule's finding, not this one)",
      code: V1_FETCH_LOGIN,
    },
    {
      name: "a signing helper in another module signs what it is given (cross-file)",
      files: {
        "src/signing.ts": `import { createSign } from "node:crypto";
export function signBytes(bytes: Buffer, key: string): Buffer {
  return createSign("RSA-SHA512").update(bytes).sign(key);
}
`,
        "src/auth.ts": login(`const signature = signBytes(data, key);`, `\nimport { signBytes } from "./signing.js";`),
      },
    },
    {
      name: "the signature is produced as base64 directly",
      code: `import { createSign, randomBytes } from "node:crypto";
const data = randomBytes(100);
const encodedSignedData = createSign("RSA-SHA512").update(data).sign(key, "base64");
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData }),
});`,
    },
    {
      name: "a precomputed signature is static-encoded-data's to report",
      code: `const ENCODED = "QUJDREVGR0g=";
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: ENCODED, encodedSignedData: "c2lnbmF0dXJl" }),
});`,
    },
  ],
  invalid: [
    {
      name: "the nonce is signed before the prefix is added (chained createSign)",
      code: login(`const signature = createSign("RSA-SHA512").update(nonce).sign(key);`),
      errors: [{ messageId: "unsigned-prefix", line: 7, column: 19 }],
    },
    {
      name: "crypto.sign over the nonce",
      code: login(`const signature = sign("RSA-SHA512", nonce, key);`),
      errors: [{ messageId: "unsigned-prefix", line: 7 }],
    },
    {
      name: "a signer variable updated with the nonce",
      code: login(`const signer = createSign("RSA-SHA512");
signer.update(nonce);
const signature = signer.sign(key);`),
      errors: [{ messageId: "unsigned-prefix", line: 9 }],
    },
    {
      name: "other random bytes entirely",
      code: login(`const signature = sign("RSA-SHA512", randomBytes(108), key);`),
      errors: [{ messageId: "different-bytes", line: 7 }],
    },
    {
      name: "the base64 text is signed instead of the bytes",
      code: login(`const signature = sign("RSA-SHA512", Buffer.from(data.toString("base64")), key);`),
      errors: [{ messageId: "signs-base64-text", line: 7 }],
    },
    {
      name: "RSA-SHA256 is not what Anaplan verifies",
      code: login(`const signature = sign("RSA-SHA256", data, key);`),
      errors: [{ messageId: "wrong-algorithm", line: 7 }],
    },
    {
      name: "a signing helper in another module signs the nonce (cross-file)",
      files: {
        "src/signing.ts": `import { sign } from "node:crypto";
export const signNonce = (nonce: Buffer, key: string) =>
  sign("RSA-SHA512", nonce, key);
`,
        "src/auth.ts": login(`const signature = signNonce(nonce, key);`, `\nimport { signNonce } from "./signing.js";`),
      },
      errors: [{ messageId: "unsigned-prefix", line: 3, file: "src/signing.ts" }],
    },
    {
      name: "PSS padding in the key options",
      code: login(`const signature = sign("RSA-SHA512", data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING });`),
      errors: [{ messageId: "wrong-padding", line: 7 }],
    },
    {
      name: "the signature sent as hex",
      code: `import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
const signature = sign("RSA-SHA512", data, key);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: signature.toString("hex"), encodedDataFormat: "v2" }),
});`,
      errors: [{ messageId: "not-base64", line: 6 }],
    },
    {
      name: "a signature from a library call cannot be verified",
      code: login(`const signature = vault.signWithKey(data);`),
      errors: [{ messageId: "unverified", line: 10, severity: "info" }],
    },
  ],
});

// --fix: the exact text after fixing.
ruleTester(signatureDataMismatch, {
  valid: [],
  invalid: [
    {
      name: "fix: sign the prefixed buffer that is sent instead of the nonce",
      code: `import { createSign, randomBytes } from "node:crypto";
const nonce = randomBytes(100);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const encodedData = Buffer.concat([ts, nonce]);
const signature = createSign("RSA-SHA512").update(nonce).sign(key);
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: encodedData.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "unsigned-prefix", line: 6 }],
      output: `import { createSign, randomBytes } from "node:crypto";
const nonce = randomBytes(100);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const encodedData = Buffer.concat([ts, nonce]);
const signature = createSign("RSA-SHA512").update(encodedData).sign(key);
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: encodedData.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }) });`,
    },
    {
      name: "fix: none when the sent buffer is a let assigned after the signing call",
      code: `import { createSign, randomBytes } from "node:crypto";
const nonce = randomBytes(100);
const signer = createSign("RSA-SHA512");
signer.update(nonce);
let data;
if (nonce.length) { const ts = Buffer.alloc(8); ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000))); data = Buffer.concat([ts, nonce]); }
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: signer.sign(key, "base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "unsigned-prefix", line: 7 }],
      output: null,
    },
    {
      name: "fix: a sent buffer declared after the signing call is not in scope there",
      code: `import { sign, randomBytes } from "node:crypto";
const nonce = randomBytes(100);
const signature = sign("RSA-SHA512", nonce, key);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const encodedData = Buffer.concat([ts, nonce]);
await fetch("https://auth.anaplan.com/token/authenticate", { method: "POST", body: JSON.stringify({ encodedData: encodedData.toString("base64"), encodedSignedData: signature.toString("base64"), encodedDataFormat: "v2" }) });`,
      errors: [{ messageId: "unsigned-prefix", line: 3 }],
      output: null,
    },
  ],
});
