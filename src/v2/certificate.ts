// The certificate of a certificate login, however the client spelled it in `Authorization: CACertificate …`:
// base64 of the PEM text, the PEM body without its header lines, or base64 of the DER bytes.
import { X509Certificate } from "node:crypto";

export function certificateFromHeader(value: string): X509Certificate | undefined {
  const text = value.trim();
  const candidates: (string | Buffer)[] = [];
  if (text.includes("-----BEGIN")) candidates.push(text);
  const decoded = Buffer.from(text.replace(/\s+/g, ""), "base64");
  const decodedText = decoded.toString("latin1");
  if (decodedText.includes("-----BEGIN CERTIFICATE-----")) candidates.push(decodedText);
  // The PEM body (base64 of DER) with or without line breaks, or the DER itself.
  candidates.push(decoded, `-----BEGIN CERTIFICATE-----\n${text.replace(/\s+/g, "")}\n-----END CERTIFICATE-----\n`);
  for (const candidate of candidates) {
    try {
      return new X509Certificate(candidate);
    } catch {
      // Try the next spelling.
    }
  }
  return undefined;
}

/** Reads a certificate file (PEM or DER); undefined when it holds none. */
export function certificateFromFile(bytes: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(bytes);
  } catch {
    return certificateFromHeader(bytes.toString("latin1"));
  }
}

/** The certificate's subject common name, for logs (never the key or the certificate itself). */
export function subjectName(certificate: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  return cn ? `CN=${cn}` : "a certificate without a CN";
}
