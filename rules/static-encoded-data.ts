import { CERTIFICATE_LOGIN_WORDS, type FixSpec, type Rule, type RuleReport } from "../src/rule.js";
import type { Span } from "../src/source.js";

const FIELDS = ["encodedData", "encodedSignedData"] as const;

/**
 * No fix can exist (the private key must sign fresh bytes at run time), so the suggestion writes the code
 * to use above the stored value, as a comment; JSON has no comments, so stored JSON gets none.
 */
function perRequestCodeComment(span: Span): FixSpec | undefined {
  if (/\.json$/i.test(span.source.absPath)) return undefined;
  const text = span.source.text;
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
  if (text.slice(Math.max(0, lineStart - 1000), lineStart).includes("anaplan-auth-lint: build encodedData per request")) return undefined;
  const lines = [
    "anaplan-auth-lint: build encodedData per request, it cannot be stored (v2 needs a fresh timestamp):",
    "const timestamp = Buffer.alloc(8);",
    "timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));",
    "const data = Buffer.concat([timestamp, crypto.randomBytes(100)]);",
    'const body = { encodedData: data.toString("base64"), encodedSignedData: crypto.sign("RSA-SHA512", data, privateKey).toString("base64"), encodedDataFormat: "v2" };',
  ];
  return {
    description: "Show the code that builds a fresh payload for each request",
    edits: [{ span: { source: span.source, start: lineStart, end: lineStart }, text: lines.map((l) => `${indent}// ${l}\n`).join("") }],
  };
}

export const staticEncodedData: Rule = {
  meta: {
    id: "static-encoded-data",
    summary: "encodedData and encodedSignedData must be computed for every request, not stored",
    severity: "error",
    fix: "never",
    needs: [CERTIFICATE_LOGIN_WORDS],
    messages: {
      literal:
        "{{field}} is a precomputed value written here. Since 19 June 2026 (v2) each login must carry a fresh timestamp, so stored data is rejected. Build the bytes and sign them with the private key at run time, for every request.",
      environment:
        "{{field}} is read from the environment variable {{name}}: a value computed once cannot carry a fresh timestamp for each login (required since 19 June 2026). Build and sign the bytes at run time instead.",
      "unset-variable":
        "{{field}} is the Postman variable {{{{name}}}}, which no pre-request script computes: it holds a precomputed value that cannot carry a fresh timestamp (required since 19 June 2026). Compute and sign it in a pre-request script.",
      "computed-once":
        "The timestamp in encodedData is taken once, when the module loads, not for each login: every login after the first minutes carries a stale time and is rejected (v2, required since 19 June 2026). Build the bytes inside the function that logs in.",
      "stored-value":
        "The variable {{name}} stores a precomputed value for a certificate login; since 19 June 2026 each login needs freshly timestamped, freshly signed data, so it cannot work. Compute it in a pre-request script and remove the stored value.",
    },
    docs: {
      whatItFinds:
        "encodedData / encodedSignedData taken from string literals or constants (in code, config modules or config JSON), from Postman bodies with literal base64 or `{{variables}}` that no pre-request script computes, from scripts that set them to literals, or from values stored in Postman environment files. Values read from environment variables, and timestamps taken once when a module loads while logins happen later, are reported as warnings.",
      whyItBreaksNow:
        "With encodedDataFormat v2 (required since 19 June 2026) the first 8 bytes of encodedData are the time of the request. A value computed once and stored can never be fresh, so every login with it is rejected. The private key must sign new bytes at run time.",
      example: `const ENCODED_DATA = "HUw5n/+wUtFc…";
await axios.post(AUTH_URL, { encodedData: ENCODED_DATA, encodedSignedData: ENCODED_SIGNED_DATA });`,
      fixedExample: `const timestamp = Buffer.alloc(8);
timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([timestamp, randomBytes(100)]);
const signature = sign("RSA-SHA512", data, privateKey);
await axios.post(AUTH_URL, {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2",
});`,
    },
  },

  check({ payloads, storedVariables, analysis }) {
    const reports: RuleReport[] = [];
    for (const payload of payloads) {
      for (const name of FIELDS) {
        const field = payload.fields.get(name);
        if (!field) continue;
        const related = [{ span: field.span, message: `sent here as ${name}` }];
        for (const source of analysis.staticSourcesOf(field)) {
          if (source.kind === "literal") {
            // Once, at the data: the signature is built from the same code.
            const suggestion = name === "encodedData" ? perRequestCodeComment(source.span) : undefined;
            reports.push({ messageId: "literal", data: { field: name }, span: source.span, related, suggestions: suggestion && [suggestion] });
          }
          else if (source.kind === "environment") {
            reports.push({ messageId: "environment", severity: "warning", data: { field: name, name: source.name }, span: source.span, related });
          } else reports.push({ messageId: "unset-variable", data: { field: name, name: source.name }, span: source.span });
        }
      }
    }
    for (const payload of payloads) {
      const field = payload.fields.get("encodedData");
      for (const sequence of (field && analysis.bytesSent(field)) ?? []) {
        const first = sequence[0];
        const span = first?.kind === "timestamp" && analysis.computedOnce(first.node, payload) && analysis.spanOf(first.node);
        if (span && field) reports.push({ messageId: "computed-once", severity: "warning", span, related: [{ span: field.span, message: "sent here as encodedData" }] });
      }
    }
    for (const stored of storedVariables) reports.push({ messageId: "stored-value", data: { name: stored.name }, span: stored.span });
    return reports;
  },
};
