// Postman pre-request scripts that compute the login with jsrsasign and CryptoJS (loaded with eval, which is
// analysed as text and never run), judged as the bytes they produce.
import { encodedDataTimestamp } from "../../rules/encoded-data-timestamp.js";
import { signatureDataMismatch } from "../../rules/signature-data-mismatch.js";
import { postmanCollection } from "../support/postman.js";
import { ruleTester } from "../support/rule-tester.js";

const BODY = '{"encodedData":"{{EncodedData}}","encodedSignedData":"{{EncodedSignedData}}","encodedDataFormat":"v2"}';

/** A collection whose pre-request script has `lines` (exec entries start on line 12). */
function collection(lines: string[]): string {
  return postmanCollection(BODY, { events: [{ listen: "prerequest", script: { type: "text/javascript", exec: lines } }] });
}

function script(timeHex: string, randomHex: string, signed = "dataHex"): string[] {
  return [
    'eval(pm.globals.get("jsrsasign-js"));',
    `const timeHex = ${timeHex};`,
    `const randomHex = ${randomHex};`,
    "const dataHex = timeHex + randomHex;",
    'const sig = new KJUR.crypto.Signature({ alg: "SHA512withRSA" });',
    'sig.init(pm.environment.get("PrivateKey"));',
    `sig.updateHex(${signed});`,
    'pm.environment.set("EncodedData", hextob64(dataHex));',
    'pm.environment.set("EncodedSignedData", hextob64(sig.sign()));',
  ];
}

const SECONDS_HEX = 'Math.floor(Date.now() / 1000).toString(16).padStart(16, "0")';
const RANDOM_HEX = "CryptoJS.lib.WordArray.random(100).toString()";
const FILE = "anaplan.postman_collection.json";

ruleTester(encodedDataTimestamp, {
  valid: [
    { name: "jsrsasign + CryptoJS, hex seconds padded to 8 bytes", filename: FILE, code: collection(script(SECONDS_HEX, RANDOM_HEX)) },
    { name: "jsrsasign's own random hex", filename: FILE, code: collection(script(SECONDS_HEX, "KJUR.crypto.Util.getRandomHexOfNbytes(92)")) },
  ],
  invalid: [
    {
      name: "milliseconds in the hex prefix",
      filename: FILE,
      code: collection(script('Date.now().toString(16).padStart(16, "0")', RANDOM_HEX)),
      errors: [{ messageId: "milliseconds", line: 13 }],
    },
    {
      name: "the random hex alone",
      filename: FILE,
      code: collection(script('""', RANDOM_HEX).map((l) => l.replace("timeHex + randomHex", "randomHex"))),
      errors: [{ messageId: "no-prefix", line: 14 }],
    },
  ],
});

ruleTester(signatureDataMismatch, {
  valid: [{ name: "the signed hex is the sent hex", filename: FILE, code: collection(script(SECONDS_HEX, RANDOM_HEX)) }],
  invalid: [
    {
      name: "only the random hex is signed",
      filename: FILE,
      code: collection(script(SECONDS_HEX, RANDOM_HEX, "randomHex")),
      errors: [{ messageId: "unsigned-prefix", line: 20 }],
    },
  ],
});
