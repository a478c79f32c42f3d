import type { Analyses, FieldConstant } from "../src/analysis/index.js";
import type { Payload } from "../src/analysis/payloads.js";
import { tsApi } from "../src/parse/typescript.js";
import { CERTIFICATE_LOGIN_WORDS, type FixSpec, type Rule, type RuleReport } from "../src/rule.js";
import { addObjectProperty, quoted, quoteOf } from "../src/fix/code-edits.js";
import { addJsonProperty } from "../src/fix/json-edits.js";
import { hostOffsetInString } from "../src/analysis/postman.js";
import { findNodeAtLocation, type ParseError, parseTree } from "jsonc-parser";
import type { Span } from "../src/source.js";

const NEEDS_V2 = 'Add `encodedDataFormat: "v2"` to the JSON body.';

/**
 * How a wrong value is named in the message: version-like values are quoted, anything else is only
 * described, since a value in the wrong place may be a secret (a constant mixed up with the key's passphrase).
 */
function shown(text: string): string {
  return /^\s*v?\s*\d{0,3}(?:\.\d{1,3})?\s*$|^\s*v\d?\s*$/i.test(text) ? JSON.stringify(text) : `a ${text.length}-character string`;
}

/** "v2", or what is wrong with a value of encodedDataFormat; undefined when it cannot be told. */
function judge(value: FieldConstant): { ok: true } | { ok: false; shown: string; environment?: string } | undefined {
  switch (value.kind) {
    case "text":
      return value.text === "v2" ? { ok: true } : { ok: false, shown: shown(value.text) };
    case "number":
      return { ok: false, shown: String(value.value) };
    case "nothing":
      return { ok: false, shown: value.written };
    case "environment": {
      if (!value.fallbacks.length) return { ok: false, shown: "unset", environment: value.name };
      const verdicts = value.fallbacks.map(judge);
      const bad = verdicts.find((v) => v && !v.ok);
      if (bad && !bad.ok) return { ok: false, shown: bad.shown, environment: value.name };
      return verdicts.every((v) => v?.ok) ? { ok: true } : undefined;
    }
    case "unknown":
      return undefined;
  }
}

/** The fix for a body without the field: add it, in code or in a Postman body's JSON text. */
function addFormatField(analysis: Analyses, payload: Payload): FixSpec | undefined {
  const description = 'Add encodedDataFormat: "v2" to the body';
  const node = payload.node;
  if (node && tsApi().isObjectLiteralExpression(node)) {
    const edit = addObjectProperty(analysis.workspace, node, "encodedDataFormat", quoted("v2", quoteOf(node)));
    return edit && { description, edits: [edit] };
  }
  const raw = payload.rawBody;
  if (raw && rawBodyParses(raw.text)) {
    // Inserted into the JSON string in the collection where the decoded body wants it, escaped as the
    // collection spells it: nothing else of the body is rewritten (or printed). Placed by the body with its
    // variables filled in (same offsets), so it never lands inside one.
    const filled = filledVariables(raw.text);
    const edit = addJsonProperty(filled, 0, filled.length, "encodedDataFormat", '"v2"');
    if (!edit || edit.start !== edit.end || !rawBodyParses(raw.text.slice(0, edit.start) + edit.text + raw.text.slice(edit.end))) return undefined;
    const at = hostOffsetInString(raw.span.source.text, raw.span.start, edit.start);
    return { description, edits: [{ span: { source: raw.span.source, start: at, end: at }, text: JSON.stringify(edit.text).slice(1, -1) }] };
  }
  return undefined;
}

/**
 * Whether a Postman raw body is JSON once its {{variables}} are filled in: an unquoted `{{sig}}` stands for a
 * value. A body that is not (a template of another kind) gets no fix, which could land inside a variable.
 */
function rawBodyParses(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(filledVariables(text), errors, { allowTrailingComma: true });
  return errors.length === 0;
}

/** Each {{variable}} as a number as long as it was (10000): a whole value outside a string, text inside one. */
function filledVariables(text: string): string {
  return text.replace(/\{\{[^{}]*\}\}/g, (v) => `1${"0".repeat(v.length - 1)}`);
}

/** In a Postman raw body: the value of encodedDataFormat in the JSON text becomes "v2", escaped as the collection spells it. */
function setRawBodyToV2(payload: Payload): FixSpec | undefined {
  const raw = payload.rawBody;
  const node = raw && findNodeAtLocation(parseTree(filledVariables(raw.text), [], { allowTrailingComma: true }) ?? { type: "null", offset: 0, length: 0 }, ["encodedDataFormat"]);
  if (!raw || !node || !rawBodyParses(raw.text)) return undefined;
  const start = hostOffsetInString(raw.span.source.text, raw.span.start, node.offset);
  const end = hostOffsetInString(raw.span.source.text, raw.span.start, node.offset + node.length);
  return { description: 'Set encodedDataFormat to "v2"', edits: [{ span: { source: raw.span.source, start, end }, text: '\\"v2\\"' }] };
}

/** The fix for a literal other than "v2": "v2", in the literal's own quotes. */
function setToV2(span: Span): FixSpec | undefined {
  // Only a span that is exactly one string or number literal (not a whole JSON body holding the value).
  const written = span.source.text.slice(span.start, span.end);
  const literal = /^(["'])(?:(?!\1)[^\\\r\n])*\1$/.test(written);
  if (!literal && !/^-?\d+(\.\d+)?$|^(null|undefined)$/.test(written)) return undefined;
  const quote = literal ? written[0] : undefined;
  return { description: 'Set encodedDataFormat to "v2"', edits: [{ span, text: `${quote ?? '"'}v2${quote ?? '"'}` }] };
}

/**
 * The suggestion for a value read from the environment: default it to "v2" (the variable still wins where
 * it is set, which is why this is not a safe fix).
 */
function defaultToV2(value: Extract<FieldConstant, { kind: "environment" }>): FixSpec | undefined {
  const fallback = value.fallbacks.find((f) => f.kind === "text" || f.kind === "number");
  if (fallback) {
    const fix = setToV2(fallback.span);
    return fix && { ...fix, description: `Default ${value.name} to "v2"` };
  }
  if (value.fallbacks.length) return undefined;
  const at = { ...value.span, start: value.span.end };
  return { description: `Default ${value.name} to "v2"`, edits: [{ span: at, text: ' ?? "v2"' }] };
}

export const encodedDataFormat: Rule = {
  meta: {
    id: "encoded-data-format",
    summary: 'The certificate-auth body must carry encodedDataFormat: "v2"',
    severity: "error",
    fix: "sometimes",
    needs: [CERTIFICATE_LOGIN_WORDS],
    messages: {
      missing: `This certificate-auth request has no encodedDataFormat, so Anaplan treats it as v1 and rejects the login (in force since 19 June 2026). ${NEEDS_V2}`,
      "header-only": `encodedDataFormat is sent as an HTTP header, but the documented request carries it in the JSON body; without it there the login is read as v1 and rejected (in force since 19 June 2026). ${NEEDS_V2}`,
      "wrong-value": 'encodedDataFormat is {{value}}, but Anaplan accepts only the string "v2" since 19 June 2026, so every login fails. Set it to "v2".',
      "environment-default": 'encodedDataFormat comes from the environment variable {{name}}, which gives {{value}} when it is not set, so logins fail wherever it is missing (in force since 19 June 2026). Default it to "v2".',
      "legacy-branch": 'encodedDataFormat is {{value}} on one branch while another sends "v2": that legacy branch fails since 19 June 2026. Remove it or make it send "v2".',
      unverified: 'Could not verify encodedDataFormat: its value is computed in a way this analysis does not follow. Since 19 June 2026 it must be the string "v2".',
    },
    docs: {
      whatItFinds:
        'A certificate-auth request (`POST …/token/authenticate` with encodedData and encodedSignedData) whose JSON body lacks `encodedDataFormat: "v2"`, or gives it another value ("v1", "V2", 2, or an environment variable whose default is not "v2").',
      whyItBreaksNow:
        'Since 19 June 2026 Anaplan verifies certificate logins in the v2 format only. A body without `"encodedDataFormat": "v2"` is read as v1 and rejected. The field belongs in the JSON body; as an HTTP header it is ignored.',
      example: `await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
});`,
      fixedExample: `await axios.post("https://auth.anaplan.com/token/authenticate", {
  encodedData: data.toString("base64"),
  encodedSignedData: signature.toString("base64"),
  encodedDataFormat: "v2",
});`,
    },
  },

  check({ payloads, analysis }) {
    const reports: RuleReport[] = [];
    for (const payload of payloads) {
      const field = payload.fields.get("encodedDataFormat");
      if (!field) {
        const related = payload.formatHeader ? [{ span: payload.formatHeader, message: "sent as a header here" }] : undefined;
        reports.push({ messageId: payload.formatHeader ? "header-only" : "missing", span: payload.span, related, fix: addFormatField(analysis, payload) });
        continue;
      }
      const values = analysis.constantsOf(field);
      const verdicts = values.map((value) => ({ value, verdict: judge(value) }));
      const someV2 = verdicts.some((v) => v.verdict?.ok);
      const wrong = verdicts.filter((v) => v.verdict && !v.verdict.ok);
      for (const { value, verdict } of wrong) {
        if (!verdict || verdict.ok) continue;
        const related = [{ span: value.span, message: "value written here" }];
        if (someV2) {
          const suggestion = setToV2(value.span);
          reports.push({ messageId: "legacy-branch", severity: "warning", data: { value: verdict.shown }, span: payload.span, related, suggestions: suggestion && [suggestion] });
        } else if (verdict.environment) {
          const suggestion = value.kind === "environment" ? defaultToV2(value) : undefined;
          reports.push({ messageId: "environment-default", data: { name: verdict.environment, value: verdict.shown }, span: payload.span, related, suggestions: suggestion && [suggestion] });
        } else {
          reports.push({ messageId: "wrong-value", data: { value: verdict.shown }, span: payload.span, related, fix: setToV2(value.span) ?? setRawBodyToV2(payload) });
        }
      }
      if (!someV2 && !wrong.length) reports.push({ messageId: "unverified", severity: "info", span: field.span });
    }
    return reports;
  },
};
