import type { Segment } from "../src/analysis/bytes.js";
import { CERTIFICATE_LOGIN_WORDS, type Rule, type RuleReport } from "../src/rule.js";
import { bigEndianWrite, clockInSeconds, prefixRandomBytes } from "../src/fix/byte-fixes.js";

type Fault = { messageId: string; data?: Record<string, string | number>; severity?: "info" } | undefined;

/** What is wrong with the first bytes of encodedData; undefined when they are a correct prefix or static data. */
function prefixFault(first: Segment | undefined, describe: (segment: Segment) => string): Fault | "ok" {
  if (!first) return { messageId: "unverified", severity: "info", data: { why: "an empty buffer" } };
  switch (first.kind) {
    case "timestamp":
      if (first.width !== 8) return { messageId: "prefix-width", data: { width: first.width, how: first.how } };
      if (first.endian === "LE") return { messageId: "little-endian", data: { how: first.how } };
      if (first.unit === "milliseconds") return { messageId: "milliseconds", data: { how: first.how } };
      if (first.unit === "throws") return { messageId: "not-integer", data: { how: first.how } };
      if (first.unit === "constant") return { messageId: "fixed-time", data: { how: first.how } };
      if (first.unit === "unknown") return { messageId: "unverified-clock", severity: "info", data: { how: first.how } };
      return "ok";
    case "text-time":
      return { messageId: "textual-timestamp", data: { how: first.how } };
    case "random":
    case "zeros":
      return { messageId: "no-prefix", data: { what: `${first.kind === "random" ? "random bytes" : "a zero-filled buffer"} (${describe(first)})` } };
    case "constant":
    case "environment":
      return undefined; // a precomputed value: static-encoded-data says why that cannot work
    case "param":
      return { messageId: "unverified", severity: "info", data: { why: "a parameter" } };
    case "opaque":
      return { messageId: "unverified", severity: "info", data: { why: first.why } };
  }
}

export const encodedDataTimestamp: Rule = {
  meta: {
    id: "encoded-data-timestamp",
    summary: "encodedData must begin with an 8-byte big-endian Unix timestamp in seconds",
    severity: "error",
    fix: "sometimes",
    needs: [CERTIFICATE_LOGIN_WORDS],
    messages: {
      "no-prefix":
        "encodedData is built from {{what}} with no timestamp in front; since 19 June 2026 (v2) its bytes must begin with the current Unix time in seconds as 8 bytes big-endian. Prefix the timestamp and sign the prefixed buffer.",
      milliseconds:
        "The timestamp prefix written with {{how}} holds milliseconds (Date.now() not divided by 1000), so Anaplan sees a date tens of thousands of years ahead and rejects the login (in force since 19 June 2026). Use Math.floor(Date.now() / 1000).",
      "little-endian":
        "The timestamp prefix is written with {{how}}: little-endian. Since 19 June 2026 the 8 bytes must be big-endian; use writeBigUInt64BE (or DataView's setBigUint64 with littleEndian false).",
      "prefix-width":
        "The timestamp prefix written with {{how}} is {{width}} bytes; since 19 June 2026 encodedData must begin with exactly 8 bytes (big-endian Unix seconds). Write it with writeBigUInt64BE into Buffer.alloc(8).",
      "not-integer":
        "The timestamp written with {{how}} is BigInt() of Date.now() / 1000, which is not a whole number: BigInt throws a RangeError and no login is sent (v2 is required since 19 June 2026). Use BigInt(Math.floor(Date.now() / 1000)).",
      "not-base64":
        "encodedData is sent as {{encoding}} text, but Anaplan decodes it as base64, so the bytes it reads do not begin with the timestamp (required since 19 June 2026) and the signature does not match. Use toString(\"base64\").",
      "textual-timestamp":
        "The timestamp prefix is the time written as text ({{how}}): characters, not an 8-byte big-endian integer, so Anaplan reads a wrong time and rejects the login (v2, required since 19 June 2026). Write Math.floor(Date.now() / 1000) with writeBigUInt64BE.",
      "fixed-time":
        "The timestamp prefix written with {{how}} is a fixed number, not the current time; since 19 June 2026 each login needs a fresh timestamp. Use Math.floor(Date.now() / 1000).",
      "unverified-clock":
        "Could not verify the timestamp written with {{how}}: its value does not visibly come from the clock. Since 19 June 2026 it must be the current Unix time in seconds.",
      unverified:
        "Could not verify the bytes sent as encodedData: they come from {{why}}. Since 19 June 2026 they must begin with the current Unix time in seconds as 8 bytes big-endian.",
    },
    docs: {
      whatItFinds:
        "The bytes sent (base64) as encodedData, traced back to where they are built, when they do not begin with an 8-byte big-endian Unix timestamp in seconds: no prefix at all, milliseconds instead of seconds, a little-endian write (Buffer or DataView), a prefix of another width, the time as text (an ISO date, decimal or unpadded hex digits), or a fixed number. Buffers are followed through concatenation, copies and sets at an offset, random fills (also of a subarray) and integer writes. Bytes it cannot trace are reported as info.",
      whyItBreaksNow:
        "With encodedDataFormat v2 (required since 19 June 2026) Anaplan reads the first 8 bytes of encodedData as the time of the request and rejects stale, future or malformed timestamps. What follows the prefix is random (92 or 100 bytes are both in use).",
      example: `const data = randomBytes(100);
const signature = createSign("RSA-SHA512").update(data).sign(privateKey);`,
      fixedExample: `const timestamp = Buffer.alloc(8);
timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
const data = Buffer.concat([timestamp, randomBytes(100)]);
const signature = createSign("RSA-SHA512").update(data).sign(privateKey);`,
    },
  },

  check({ payloads, analysis }) {
    const reports: RuleReport[] = [];
    for (const payload of payloads) {
      const field = payload.fields.get("encodedData");
      const sequences = field && analysis.bytesSent(field);
      if (!field || !sequences) continue;
      const judged = sequences.map((s) => ({ sequence: s, first: s[0], fault: prefixFault(s[0], (segment) => analysis.describe(segment.node)) }));
      // A legacy branch beside a correct one is kept on purpose, but still fails when taken.
      const someCorrect = judged.some((j) => j.fault === "ok");
      for (const { sequence, first, fault } of judged) {
        if (!fault || fault === "ok") continue;
        const span = (first && analysis.spanOf(first.node)) || field.span;
        const severity = fault.severity ?? (someCorrect ? "warning" : undefined);
        const related = [{ span: field.span, message: "sent here as encodedData" }];
        const clock = first?.kind === "timestamp" && first.clock && analysis.spanOf(first.clock);
        if (clock) related.push({ span: clock, message: "the clock is read here" });
        const fix =
          fault.messageId === "no-prefix" ? prefixRandomBytes(analysis, payload, sequence)
          : fault.messageId === "milliseconds" && first ? clockInSeconds(analysis, first)
          : fault.messageId === "little-endian" && first ? bigEndianWrite(analysis, first)
          : undefined;
        reports.push({ messageId: fault.messageId, data: fault.data, severity, span, related, fix });
      }
      for (const fault of analysis.encodingFaults(field)) {
        reports.push({ messageId: "not-base64", data: { encoding: fault.encoding }, span: fault.span, related: [{ span: field.span, message: "sent here as encodedData" }] });
      }
    }
    return reports;
  },
};
