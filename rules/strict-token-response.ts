import { listed } from "../src/analysis/validators/model.js";
import { TOKEN_SCHEMA_WORDS } from "../src/analysis/token-response.js";
import type { Rule, RuleReport } from "../src/rule.js";

/** Words of a construct that can reject unknown keys, in any library or schema language. */
const STRICTNESS_WORDS = [
  "strict", "additionalProperties", "unevaluatedProperties", "propertyNames", "maxProperties", "joi", "superstruct",
  "noUnknown", "exact", "never", "reject", "forbidNonWhitelisted", "onExcessProperty", "Equals", "keys",
  // A schema applied to a response's tokenInfo, written in another file: `Token.parse(body.tokenInfo)`.
  "tokenInfo)", "tokenInfo,",
  // Hand-written allow-lists: `for (const [k] of Object.entries(info)) if (!ALLOWED.has(k)) throw …`.
  "includes(", ".has(", "entries(", "indexOf(",
];

export const strictTokenResponse: Rule = {
  meta: {
    id: "strict-token-response",
    summary: "A validator of the token response must accept the new tokenInfo.refreshToken",
    severity: "error",
    fix: "sometimes",
    needs: [TOKEN_SCHEMA_WORDS, STRICTNESS_WORDS],
    messages: {
      rejects:
        "This validator of the token response's tokenInfo rejects keys it does not declare ({{construct}}) and does not declare {{fields}}. Since 19 June 2026 the login response's tokenInfo carries refreshToken, so validation fails and the login is rejected. Declare {{fields}} as optional, or let tokenInfo accept unknown keys.",
      "allof-trap":
        "{{construct}} sits in one branch of an allOf: each branch is applied to the whole tokenInfo on its own, so it rejects what the other branches declare, and the refreshToken sent since 19 June 2026: the login fails validation. Declare every tokenInfo field, with refreshToken and refreshTokenId optional, in one object (or use unevaluatedProperties at the top, in 2019-09 and later).",
      "max-properties":
        "`maxProperties: {{limit}}` allows no more keys than tokenInfo had before; since 19 June 2026 it also carries refreshToken, so the login response fails validation. Raise maxProperties to at least {{needed}}, or remove it.",
    },
    docs: {
      whatItFinds:
        "A validator applied to the `/token/authenticate` (or `/token/refresh`) response, or to its `tokenInfo`, that rejects keys it does not declare and does not declare `refreshToken`: zod `.strict()` / `z.strictObject` / `.catchall(z.never())`, a `Joi.object` without `.unknown(true)`, yup `.noUnknown()` in strict mode or `.exact()`, superstruct `object()`, valibot `strictObject`, TypeBox and JSON Schema `additionalProperties: false`, `unevaluatedProperties: false`, `propertyNames`, `maxProperties` (JSON Schema and OpenAPI files are evaluated with ajv against the documented response before and after the change). Strictness on objects that gain no field, such as the envelope or `meta`, is not reported.",
      whyItBreaksNow:
        "Since 19 June 2026 `tokenInfo` carries `refreshToken` (and `refreshTokenId`, long documented but missing from many hand-written schemas). A validator that rejects unknown keys fails every login response, so no integration that uses it can log in.",
      example: `const tokenInfo = z.object({
  tokenId: z.string(),
  tokenValue: z.string(),
  expiresAt: z.number(),
  refreshTokenId: z.string(),
}).strict();`,
      fixedExample: `const tokenInfo = z.object({
  tokenId: z.string(),
  tokenValue: z.string(),
  expiresAt: z.number(),
  refreshTokenId: z.string().optional(),
  refreshToken: z.string().optional(),
}).strict();`,
    },
  },

  check({ validatorFaults }) {
    const reports: RuleReport[] = [];
    for (const fault of validatorFaults) {
      if (fault.kind !== "rejects-unknown") continue;
      if (fault.maxProperties !== undefined) {
        reports.push({ messageId: "max-properties", data: { limit: fault.maxProperties, needed: fault.maxProperties + 1 }, span: fault.span, fix: fault.fix, suggestions: fault.suggestions });
        continue;
      }
      const data = { construct: fault.construct, fields: listed(fault.rejected) };
      reports.push({ messageId: fault.allOfTrap ? "allof-trap" : "rejects", data, span: fault.span, fix: fault.fix, suggestions: fault.suggestions });
    }
    return reports;
  },
};
