import { isSha512 } from "../src/analysis/signature.js";
import { signSentBuffer } from "../src/fix/byte-fixes.js";
import { CERTIFICATE_LOGIN_WORDS, type Rule, type RuleReport } from "../src/rule.js";

export const signatureDataMismatch: Rule = {
  meta: {
    id: "signature-data-mismatch",
    summary: "encodedSignedData must be an RSA-SHA512 signature over exactly the bytes sent as encodedData",
    severity: "error",
    fix: "sometimes",
    needs: [CERTIFICATE_LOGIN_WORDS],
    messages: {
      "unsigned-prefix":
        "This signs only part of what encodedData sends: the timestamp prefix is not signed, so the signature does not verify and the login fails (in force since 19 June 2026). Sign the prefixed buffer that is sent.",
      "partial-bytes":
        "This signs only part of the bytes sent as encodedData, so the signature does not verify and the login fails (checked strictly since 19 June 2026). Sign the whole buffer that is sent.",
      "different-bytes":
        "This signs other bytes than those sent as encodedData, so the signature does not verify and the login fails (v2, in force since 19 June 2026). Sign the buffer whose base64 is sent.",
      "signs-base64-text":
        "This signs the base64 text of encodedData instead of its bytes, so the signature does not verify and the login fails (v2, in force since 19 June 2026). Sign the buffer itself.",
      "wrong-algorithm":
        'This signature uses {{algorithm}}, but Anaplan verifies encodedSignedData as RSA-SHA512 (PKCS#1 v1.5), so the login fails (v2, in force since 19 June 2026). Use SHA-512: "RSA-SHA512" with node\'s crypto, hash "SHA-512" in WebCrypto\'s importKey, "SHA512withRSA" with jsrsasign, forge.md.sha512 with node-forge.',
      "wrong-padding":
        "This signature uses PSS padding, but Anaplan verifies encodedSignedData as RSA-SHA512 with PKCS#1 v1.5 padding, so the login fails (v2, in force since 19 June 2026). Use RSASSA-PKCS1-v1_5 (in WebCrypto, in both importKey and sign) and drop any PSS padding option.",
      "not-base64":
        "encodedSignedData is sent as {{encoding}} text, but Anaplan decodes it as base64, so the signature does not verify and the login fails (v2, in force since 19 June 2026). Use toString(\"base64\").",
      unverified:
        "Could not verify that encodedSignedData signs the bytes sent as encodedData: the signature or the bytes are built in a way this analysis does not follow. Since 19 June 2026 it must be an RSA-SHA512 signature over exactly those bytes.",
    },
    docs: {
      whatItFinds:
        "A signing call (crypto.sign, createSign().update().sign(), WebCrypto's subtle.sign, node-forge's privateKey.sign(md), jsrsasign's KJUR.crypto.Signature) behind encodedSignedData that is fed other bytes than those sent as encodedData — typically the random bytes before the timestamp prefix was added — or that does not use RSA-SHA512 with PKCS#1 v1.5 padding, or a signature sent as other text than base64.",
      whyItBreaksNow:
        "Anaplan checks encodedSignedData as an RSA-SHA512 (PKCS#1 v1.5) signature over the decoded encodedData. With the v2 prefix (required since 19 June 2026) the signed bytes must include the timestamp: signing the nonce alone was enough for v1 and fails now.",
      example: `const encodedData = Buffer.concat([timestamp, nonce]);
const signature = createSign("RSA-SHA512").update(nonce).sign(privateKeyPem);`,
      fixedExample: `const encodedData = Buffer.concat([timestamp, nonce]);
const signature = createSign("RSA-SHA512").update(encodedData).sign(privateKeyPem);`,
    },
  },

  check({ payloads, analysis }) {
    const reports: RuleReport[] = [];
    for (const payload of payloads) {
      const sent = payload.fields.get("encodedData");
      const signed = payload.fields.get("encodedSignedData");
      if (!sent || !signed) continue;
      const related = [{ span: sent.span, message: "sent here as encodedData" }];
      const checks = analysis.signatureChecks(payload);
      for (const check of checks) {
        const algorithms = check.algorithm?.filter((a) => a.kind === "text") ?? [];
        const wrong = algorithms.find((a) => a.kind === "text" && !isSha512(a.text));
        if (wrong && wrong.kind === "text") {
          reports.push({ messageId: "wrong-algorithm", data: { algorithm: JSON.stringify(wrong.text) }, span: check.span, related });
        }
        if (check.pss) reports.push({ messageId: "wrong-padding", span: check.span, related });
        const verdict = check.verdict;
        if (verdict.kind === "part") {
          const prefixMissing = verdict.missing.some((s) => s.kind === "timestamp");
          reports.push({ messageId: prefixMissing ? "unsigned-prefix" : "partial-bytes", span: check.span, related, fix: signSentBuffer(analysis, payload, check) });
        } else if (verdict.kind === "different") {
          reports.push({ messageId: "different-bytes", span: check.span, related });
        } else if (verdict.kind === "encoded-text") {
          reports.push({ messageId: "signs-base64-text", span: check.span, related });
        } else if (verdict.kind === "unknown") {
          reports.push({ messageId: "unverified", severity: "info", span: check.span, related });
        }
      }
      for (const fault of analysis.encodingFaults(signed)) {
        reports.push({ messageId: "not-base64", data: { encoding: fault.encoding }, span: fault.span });
      }
      // No signing call found, and the signature is not a precomputed value (static-encoded-data covers those).
      if (!checks.length && !analysis.staticSourcesOf(signed).length) {
        reports.push({ messageId: "unverified", severity: "info", span: signed.span, related });
      }
    }
    return reports;
  },
};
