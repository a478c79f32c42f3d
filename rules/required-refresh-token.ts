import { TOKEN_SCHEMA_WORDS } from "../src/analysis/token-response.js";
import type { Rule, RuleReport } from "../src/rule.js";

export const requiredRefreshToken: Rule = {
  meta: {
    id: "required-refresh-token",
    summary: "tokenInfo.refreshToken is optional: validators and types must not require it",
    severity: "warning",
    fix: "sometimes",
    needs: [TOKEN_SCHEMA_WORDS, ["refreshToken"]],
    messages: {
      required:
        "{{construct}} requires tokenInfo.refreshToken, but the token response may leave it out (it is optional since the 19 June 2026 change): every login response without it fails validation. Make refreshToken optional.",
      presence:
        '{{construct}} makes tokenInfo.refreshToken required, but the token response may leave it out (it is optional since the 19 June 2026 change): every login response without it fails validation. Mark refreshToken `.optional()`.',
      "type-only":
        "This type promises tokenInfo.refreshToken is always there, but the token response may leave it out (optional since the 19 June 2026 change): code that relies on it breaks when it is absent. Declare it optional (`refreshToken?: string`).",
    },
    docs: {
      whatItFinds:
        "A validator of the token response that requires `tokenInfo.refreshToken`: a zod/valibot/superstruct/TypeBox field that is not optional, a Joi/yup field with `.required()`, Joi `presence: \"required\"` (in validate options, `Joi.defaults` or a shared options constant), a JSON Schema or OpenAPI `required` entry. A TypeScript type for tokenInfo that declares `refreshToken` without `?` is reported too. Requiring `refreshTokenId` is not reported: every response has carried it.",
      whyItBreaksNow:
        "`refreshToken` arrived with the 19 June 2026 change and is optional: responses may omit it. A validator that requires it fails on those responses; a type that promises it hides the case from the compiler.",
      example: `const tokenInfo = z.object({
  tokenId: z.string(),
  tokenValue: z.string(),
  expiresAt: z.number(),
  refreshToken: z.string(),
});`,
      fixedExample: `const tokenInfo = z.object({
  tokenId: z.string(),
  tokenValue: z.string(),
  expiresAt: z.number(),
  refreshToken: z.string().optional(),
});`,
    },
  },

  check({ validatorFaults }) {
    const reports: RuleReport[] = [];
    for (const fault of validatorFaults) {
      if (fault.kind !== "requires-refresh-token") continue;
      const messageId = fault.typeOnly ? "type-only" : fault.construct.includes("presence") ? "presence" : "required";
      reports.push({ messageId, data: { construct: capitalised(fault.construct) }, span: fault.span, fix: fault.fix, suggestions: fault.suggestions });
    }
    return reports;
  },
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
