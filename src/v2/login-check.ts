// What Anaplan's auth service checks in a v2 certificate login, as one function the local server and
// check-request share: the format field, the 8-byte big-endian seconds prefix (within a skew of now), and the
// RSA-SHA512 (PKCS#1 v1.5) signature over the whole decoded bytes. Each problem is said in the words a
// developer needs to fix it, with the typical mistake named when the bytes show it (milliseconds,
// little-endian, the nonce signed without its prefix).
import { constants, verify, type X509Certificate } from "node:crypto";
import { certificateFromHeader, subjectName } from "./certificate.js";

export interface LoginCheckInput {
  /** The Authorization header, if the capture has one. */
  authorization?: string;
  /** The parsed JSON body. */
  body: unknown;
  now: Date;
  skewSeconds: number;
  /** A certificate given separately; otherwise the one in the Authorization header is used. */
  certificate?: X509Certificate;
  /** Whether a signature that cannot be checked (no certificate) is a failure: yes for the server. */
  requireSignature: boolean;
}

export type TimestampUnit = "seconds" | "milliseconds" | "microseconds" | "little-endian seconds" | "not a time";

export interface TimestampReading {
  /** The first 8 bytes as a big-endian unsigned integer, as decimal text. */
  value: string;
  unit: TimestampUnit;
  /** The time it stands for, read in the unit guessed. */
  date?: string;
  /** Seconds from now (negative: in the past), for a time read in seconds. */
  offsetSeconds?: number;
}

export type SignatureVerdict = "verified" | "verifies-without-prefix" | "does-not-verify" | "not-checked" | "unreadable-certificate";

export interface LoginCheck {
  scheme: "CACertificate" | "Basic" | "none" | "other";
  accepted: boolean;
  problems: string[];
  format?: unknown;
  byteLength?: number;
  timestamp?: TimestampReading;
  signature: SignatureVerdict;
  certificateSubject?: string;
}

const MAX_REASONABLE_SECONDS = 4_102_444_800; // 2100-01-01

export function checkLogin(input: LoginCheckInput): LoginCheck {
  const scheme = schemeOf(input.authorization);
  const result: LoginCheck = { scheme, accepted: false, problems: [], signature: "not-checked" };
  if (scheme === "Basic") return { ...result, accepted: true };
  const body = input.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    result.problems.push("the body must be a JSON object with encodedData, encodedSignedData and encodedDataFormat");
    return result;
  }
  const fields = body as Record<string, unknown>;
  for (const name of ["encodedData", "encodedSignedData"]) {
    if (typeof fields[name] !== "string" || !fields[name]) result.problems.push(`the body has no ${name} (a base64 string)`);
  }
  result.format = fields.encodedDataFormat;
  if (!("encodedDataFormat" in fields)) {
    result.problems.push('encodedDataFormat is missing, so the request is read as v1, which is rejected since 19 June 2026: add "encodedDataFormat": "v2" to the body');
  } else if (fields.encodedDataFormat !== "v2") {
    result.problems.push(`encodedDataFormat is ${JSON.stringify(fields.encodedDataFormat)}; only "v2" is accepted since 19 June 2026`);
  }
  if (typeof fields.encodedData !== "string") return result;
  const data = decodeBase64(fields.encodedData);
  result.byteLength = data.length;
  if (data.length < 8) {
    result.problems.push(`encodedData decodes to ${data.length} bytes; v2 needs an 8-byte big-endian Unix time in seconds followed by random bytes`);
  } else {
    result.timestamp = readTimestamp(data, input.now);
    const problem = timestampProblem(result.timestamp, input.skewSeconds);
    if (problem) result.problems.push(problem);
  }
  if (typeof fields.encodedSignedData === "string") {
    const certificate = input.certificate ?? (scheme === "CACertificate" ? certificateFromHeader(input.authorization!.replace(/^\s*CACertificate\s+/i, "")) : undefined);
    if (certificate) result.certificateSubject = subjectName(certificate);
    result.signature = certificate ? judgeSignature(certificate, data, decodeBase64(fields.encodedSignedData)) : scheme === "CACertificate" ? "unreadable-certificate" : "not-checked";
    const problem = signatureProblem(result.signature, input.requireSignature);
    if (problem) result.problems.push(problem);
  }
  if (scheme === "none" && input.requireSignature) result.problems.unshift("the request has no Authorization: CACertificate header");
  result.accepted = result.problems.length === 0;
  return result;
}

function schemeOf(authorization: string | undefined): LoginCheck["scheme"] {
  if (!authorization?.trim()) return "none";
  if (/^\s*CACertificate\s+\S/i.test(authorization)) return "CACertificate";
  if (/^\s*Basic\s+\S/i.test(authorization)) return "Basic";
  return "other";
}

/** Base64 or base64url, padded or not, with whitespace: decoded as far as it goes (examples get truncated). */
export function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  return Buffer.from(clean, "base64");
}

function iso(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.000Z$/, "Z");
}

export function readTimestamp(data: Buffer, now: Date): TimestampReading {
  const be = data.readBigUInt64BE(0);
  const le = data.readBigUInt64LE(0);
  const nowSeconds = now.getTime() / 1000;
  const near = (seconds: number) => Math.abs(seconds - nowSeconds) < 10 * 365 * 86400;
  const value = be.toString();
  const asNumber = Number(be);
  if (asNumber <= MAX_REASONABLE_SECONDS) {
    return { value, unit: "seconds", date: iso(asNumber * 1000), offsetSeconds: Math.round(asNumber - nowSeconds) };
  }
  if (near(asNumber / 1000)) return { value, unit: "milliseconds", date: iso(asNumber) };
  if (near(asNumber / 1e6)) return { value, unit: "microseconds", date: iso(asNumber / 1000) };
  if (Number(le) <= MAX_REASONABLE_SECONDS && near(Number(le))) return { value, unit: "little-endian seconds", date: iso(Number(le) * 1000) };
  return { value, unit: "not a time" };
}

function timestampProblem(t: TimestampReading, skew: number): string | undefined {
  switch (t.unit) {
    case "seconds": {
      const offset = t.offsetSeconds ?? 0;
      if (Math.abs(offset) <= skew) return undefined;
      const distance = describeSeconds(Math.abs(offset));
      return offset < 0
        ? `the timestamp is ${t.date}, ${distance} before now: older than the allowed skew of ${skew} s (a stored or precomputed encodedData, or a wrong clock); build the bytes for each request`
        : `the timestamp is ${t.date}, ${distance} after now: further ahead than the allowed skew of ${skew} s (check the clock)`;
    }
    case "milliseconds":
      return `the prefix looks like milliseconds: read as seconds (${t.value}) it is a date in the year ${Math.round(1970 + Number(t.value) / 31_556_952)}, as milliseconds it is ${t.date}; write Math.floor(Date.now() / 1000)`;
    case "microseconds":
      return `the prefix looks like microseconds (it decodes to ${t.date} as such); write the Unix time in seconds`;
    case "little-endian seconds":
      return `the prefix is little-endian: read the other way round it is ${t.date}; write it big-endian (writeBigUInt64BE)`;
    case "not a time":
      return `the first 8 bytes are not a Unix time in seconds (they read ${t.value}); v2 encodedData must begin with the current time as 8 bytes big-endian`;
  }
}

function judgeSignature(certificate: X509Certificate, data: Buffer, signature: Buffer): SignatureVerdict {
  const key = { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING };
  const verifies = (bytes: Buffer) => {
    try {
      return verify("RSA-SHA512", bytes, key, signature);
    } catch {
      return false;
    }
  };
  if (verifies(data)) return "verified";
  if (data.length > 8 && verifies(data.subarray(8))) return "verifies-without-prefix";
  return "does-not-verify";
}

function signatureProblem(verdict: SignatureVerdict, required: boolean): string | undefined {
  switch (verdict) {
    case "verified":
      return undefined;
    case "verifies-without-prefix":
      return "encodedSignedData signs only the bytes after the 8-byte prefix: sign the whole decoded encodedData, timestamp included";
    case "does-not-verify":
      return "encodedSignedData does not verify as an RSA-SHA512 (PKCS#1 v1.5) signature of the decoded encodedData with the certificate's key, nor of the bytes after the prefix";
    case "unreadable-certificate":
      return "the certificate in Authorization: CACertificate could not be read (send base64 of the PEM text, the PEM body, or base64 of the DER)";
    case "not-checked":
      return required ? "the signature cannot be checked without the certificate" : undefined;
  }
}

function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
