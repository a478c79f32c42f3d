// Signatures made with WebCrypto, node-forge and jsrsasign, judged like node's crypto.sign.
import { signatureDataMismatch } from "../../rules/signature-data-mismatch.js";
import { ruleTester } from "../support/rule-tester.js";

/** Lines 1-5: a correctly prefixed `data` built from `nonce`; the signing (line 6 on) produces `sigB64`. */
function login(signing: string, imports = ""): string {
  return `import { randomBytes, webcrypto } from "node:crypto";${imports}
const nonce = randomBytes(100);
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([ts, nonce]);
${signing}
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sigB64, encodedDataFormat: "v2" }),
});`;
}

function webCrypto(algorithm: string, hash: string, signed = "data"): string {
  return `const key = await webcrypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "${hash}" }, false, ["sign"]);
const sig = await webcrypto.subtle.sign(${algorithm}, key, ${signed});
const sigB64 = Buffer.from(sig).toString("base64");`;
}

const FORGE = `\nimport forge from "node-forge";`;

ruleTester(signatureDataMismatch, {
  valid: [
    { name: "WebCrypto RSASSA-PKCS1-v1_5 with a SHA-512 key", code: login(webCrypto(`"RSASSA-PKCS1-v1_5"`, "SHA-512")) },
    { name: "WebCrypto with the algorithm as an object", code: login(webCrypto(`{ name: "RSASSA-PKCS1-v1_5" }`, "SHA-512")) },
    {
      name: "node-forge sha512 digest of the sent bytes",
      code: login(`const md = forge.md.sha512.create();
md.update(data.toString("binary"), "raw");
const sigB64 = forge.util.encode64(privateKey.sign(md));`, FORGE).replace('encodedData: data.toString("base64")', 'encodedData: forge.util.encode64(data.toString("binary"))'),
    },
    {
      name: "jsrsasign SHA512withRSA over the sent hex",
      code: `const dataHex = buildHex();
const sig = new KJUR.crypto.Signature({ alg: "SHA512withRSA" });
sig.init(privateKeyPem);
sig.updateHex(dataHex);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: hextob64(dataHex), encodedSignedData: hextob64(sig.sign()), encodedDataFormat: "v2" }),
});`,
    },
  ],
  invalid: [
    {
      name: "WebCrypto RSA-PSS",
      code: login(webCrypto(`{ name: "RSA-PSS", saltLength: 64 }`, "SHA-512")),
      errors: [{ messageId: "wrong-padding", line: 7 }],
    },
    {
      name: "WebCrypto key imported with SHA-256",
      code: login(webCrypto(`"RSASSA-PKCS1-v1_5"`, "SHA-256")),
      errors: [{ messageId: "wrong-algorithm", line: 7 }],
    },
    {
      name: "WebCrypto signing the nonce only",
      code: login(webCrypto(`"RSASSA-PKCS1-v1_5"`, "SHA-512", "nonce")),
      errors: [{ messageId: "unsigned-prefix", line: 7 }],
    },
    {
      name: "node-forge with a sha256 digest",
      code: login(`const md = forge.md.sha256.create();
md.update(data.toString("binary"), "raw");
const sigB64 = forge.util.encode64(privateKey.sign(md));`, FORGE),
      errors: [{ messageId: "wrong-algorithm", line: 9 }],
    },
    {
      name: "jsrsasign SHA256withRSA",
      code: `const dataHex = buildHex();
const sig = new KJUR.crypto.Signature({ alg: "SHA256withRSA" });
sig.updateHex(dataHex);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: hextob64(dataHex), encodedSignedData: hextob64(sig.sign()), encodedDataFormat: "v2" }),
});`,
      errors: [{ messageId: "wrong-algorithm", line: 6 }],
    },
      {
      name: "node's signer returning hex",
      code: login(`const sigB64 = createSign("RSA-SHA512").update(data).sign(key, "hex");`, `\nimport { createSign } from "node:crypto";`),
      errors: [{ messageId: "not-base64", line: 7 }],
    },
    {
      name: "jsrsasign's hex signature sent without hextob64",
      code: `const dataHex = buildHex();
const sig = new KJUR.crypto.Signature({ alg: "SHA512withRSA" });
sig.updateHex(dataHex);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: hextob64(dataHex), encodedSignedData: sig.sign(), encodedDataFormat: "v2" }),
});`,
      errors: [{ messageId: "not-base64", line: 6 }],
    },
    {
      name: "forge's signature printed as hex",
      code: login(`const md = forge.md.sha512.create();
md.update(data.toString("binary"), "raw");
const sigB64 = forge.util.bytesToHex(privateKey.sign(md));`, FORGE),
      errors: [{ messageId: "not-base64", line: 9 }],
    },
    {
      name: "jsrsasign signing only the nonce's hex, the prefix printed with toString(\"hex\")",
      code: `import crypto from "node:crypto";
const nonceHex = crypto.randomBytes(100).toString("hex");
const ts = Buffer.alloc(8);
ts.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const dataHex = ts.toString("hex") + nonceHex;
const sig = new KJUR.crypto.Signature({ alg: "SHA512withRSA" });
sig.updateHex(nonceHex);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: hextob64(dataHex), encodedSignedData: hextob64(sig.sign()), encodedDataFormat: "v2" }),
});`,
      errors: [{ messageId: "unsigned-prefix", line: 10 }],
    },
  ],
});
