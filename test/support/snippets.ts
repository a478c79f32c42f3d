// Code shared by several tests.

/** A v1 login: fresh random bytes, signed as sent, posted with fetch, no prefix and no encodedDataFormat. */
export const V1_FETCH_LOGIN = `import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
await fetch("https://auth.anaplan.com/token/authenticate", {
  method: "POST",
  body: JSON.stringify({ encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64") }),
});`;
