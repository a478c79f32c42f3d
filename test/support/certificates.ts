// Throwaway credentials for tests, made fresh on every run: an RSA key pair and a self-signed certificate.
// Never a key committed to the repository.
import { generateKeyPairSync, sign } from "node:crypto";
import forge from "node-forge";

export interface TestCredentials {
  privateKeyPem: string;
  certificatePem: string;
  /** What clients send after `CACertificate `: base64 of the PEM text. */
  headerValue: string;
}

export function makeCredentials(commonName = "integration-test"): TestCredentials {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: "commonName", value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  return { privateKeyPem, certificatePem, headerValue: Buffer.from(certificatePem).toString("base64") };
}

export interface LoginOptions {
  /** Seconds since the epoch written in the prefix; default now. */
  seconds?: number;
  prefix?: "seconds-be" | "milliseconds" | "little-endian" | "none";
  /** Which bytes are signed: all of encodedData (right) or the random part only (the typical mistake). */
  signed?: "all" | "nonce";
  format?: string | null;
  signingKeyPem?: string;
}

/** A certificate-login body, right by default, with one fault when asked. */
export function loginBody(credentials: TestCredentials, options: LoginOptions = {}): Record<string, unknown> {
  const nonce = Buffer.alloc(100, 7);
  const seconds = options.seconds ?? Math.floor(Date.now() / 1000);
  const prefix = Buffer.alloc(8);
  switch (options.prefix ?? "seconds-be") {
    case "seconds-be":
      prefix.writeBigUInt64BE(BigInt(seconds));
      break;
    case "milliseconds":
      prefix.writeBigUInt64BE(BigInt(seconds * 1000));
      break;
    case "little-endian":
      prefix.writeBigUInt64LE(BigInt(seconds));
      break;
    case "none":
      break;
  }
  const data = options.prefix === "none" ? nonce : Buffer.concat([prefix, nonce]);
  const signedBytes = options.signed === "nonce" ? nonce : data;
  const signature = sign("RSA-SHA512", signedBytes, options.signingKeyPem ?? credentials.privateKeyPem);
  const body: Record<string, unknown> = { encodedData: data.toString("base64"), encodedSignedData: signature.toString("base64") };
  if (options.format !== null) body.encodedDataFormat = options.format ?? "v2";
  return body;
}
