import { requiredRefreshToken } from "../../rules/required-refresh-token.js";
import { postmanCollection } from "../support/postman.js";
import { ruleTester } from "../support/rule-tester.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);
const TOKEN_PROPS = { tokenId: { type: "string" }, tokenValue: { type: "string" }, expiresAt: { type: "integer" }, refreshTokenId: { type: "string" }, refreshToken: { type: "string" } };

ruleTester(requiredRefreshToken, {
  valid: [
    { name: "zod: refreshToken .optional()", code: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string().optional() });` },
    { name: "zod: requiring refreshTokenId is no finding", code: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshTokenId: z.string() });` },
    { name: "zod: .partial() makes every key optional", code: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string() }).partial();` },
    { name: "Joi: keys are optional by default", code: `import Joi from "joi";\nexport const t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string() }).unknown(true);` },
    {
      name: "Joi: presence required, but refreshToken marked optional",
      code: `import Joi from "joi";\nconst t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string().optional() });\nexport const read = (b) => t.validate(b, { presence: "required" });`,
    },
    { name: "a TypeScript interface with refreshToken optional", code: `export interface TokenInfo { tokenId: string; tokenValue: string; expiresAt: number; refreshToken?: string }` },
    { name: "a Partial<…> type makes refreshToken optional", code: `export type TokenInfo = Partial<{ tokenId: string; tokenValue: string; refreshToken: string }>;` },
    { name: "a session interface without tokenValue is not the token info", code: `export interface Session { tokenId: string; expiresAt: number; refreshToken: string }` },
    { name: "an unrelated interface with a required refreshToken", code: `export interface OAuthTokens { accessToken: string; refreshToken: string }` },
    {
      name: "JSON Schema: refreshToken declared, not required",
      filename: "schemas/token-info.schema.json",
      code: json({ type: "object", required: ["tokenId", "tokenValue", "refreshTokenId"], properties: TOKEN_PROPS }),
    },
  ],
  invalid: [
    {
      name: "zod: refreshToken: z.string()",
      code: `import { z } from "zod";\nexport const t = z.object({\n  tokenId: z.string(),\n  tokenValue: z.string(),\n  refreshToken: z.string(),\n});`,
      errors: [{ messageId: "required", line: 5, column: 3, message: "The zod schema requires tokenInfo.refreshToken, but the token response may leave it out (it is optional since the 19 June 2026 change): every login response without it fails validation. Make refreshToken optional." }],
    },
    { name: "zod: .required() after .partial() makes it required again", code: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string().optional() }).required();`, errors: [{ messageId: "required", line: 2 }] },
    { name: "Joi: .required()", code: `import Joi from "joi";\nexport const t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string().required() }).unknown();`, errors: [{ messageId: "required", line: 2 }] },
    {
      name: "Joi: presence required in the validate options, anchored at the options object",
      code: `import Joi from "joi";\nconst t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string() }).unknown();\nexport const read = (b) => t.validate(b, { presence: "required" });`,
      errors: [{ messageId: "presence", line: 3, column: 42 }],
    },
    {
      name: "Joi: presence required in a shared options constant",
      code: `import Joi from "joi";\nconst STRICT = { presence: "required", allowUnknown: true };\nconst t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string() });\nexport const read = (b) => Joi.attempt(b, t, STRICT);`,
      errors: [{ messageId: "presence", line: 2, column: 16 }],
    },
    {
      name: "Joi: presence required through a Joi.defaults instance",
      code: `import Joi from "joi";\nconst custom = Joi.defaults((s) => s.options({ presence: "required", allowUnknown: true }));\nexport const t = custom.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string() });`,
      errors: [{ messageId: "presence", line: 2, column: 46 }],
    },
    {
      name: "Postman test script: have.property(\"refreshToken\")",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection("", { events: [{ listen: "test", script: { exec: ['pm.expect(pm.response.json().tokenInfo).to.have.property("refreshToken");'] } }] }),
      errors: [{ messageId: "required", line: 11, column: 12 }],
    },
    { name: "yup: .required()", code: `import * as yup from "yup";\nexport const t = yup.object({ tokenId: yup.string(), tokenValue: yup.string(), refreshToken: yup.string().required() });`, errors: [{ messageId: "required", line: 2 }] },
    { name: "valibot: a plain field is required", code: `import * as v from "valibot";\nexport const t = v.object({ tokenId: v.string(), tokenValue: v.string(), refreshToken: v.string() });`, errors: [{ messageId: "required", line: 2 }] },
    { name: "superstruct: a plain field is required", code: `import { type, string } from "superstruct";\nexport const t = type({ tokenId: string(), tokenValue: string(), refreshToken: string() });`, errors: [{ messageId: "required", line: 2 }] },
    {
      name: "a TypeScript interface for tokenInfo with refreshToken required (a warning on the contract)",
      code: `export interface TokenInfo {\n  tokenId: string;\n  tokenValue: string;\n  expiresAt: number;\n  refreshToken: string;\n}`,
      errors: [{ messageId: "type-only", line: 5, column: 3 }],
    },
    {
      name: "JSON Schema: refreshToken in required, anchored at that entry",
      filename: "schemas/token-info.schema.json",
      code: json({ type: "object", required: ["tokenId", "tokenValue", "refreshToken"], properties: TOKEN_PROPS }),
      errors: [{ messageId: "required", line: 6, column: 5 }],
    },
    {
      name: "OpenAPI YAML: required refreshToken in a response component",
      filename: "api/openapi.yml",
      code: `openapi: 3.1.0
components:
  schemas:
    TokenInfo:
      type: object
      required: [tokenId, tokenValue, refreshToken]
      properties:
        tokenId: { type: string }
        tokenValue: { type: string }
        refreshToken: { type: string }
`,
      errors: [{ messageId: "required", line: 6, column: 39 }],
    },
  ],
});

// --fix: the exact text after fixing.
ruleTester(requiredRefreshToken, {
  valid: [],
  invalid: [
    {
      name: "zod: a schema from another module that requires refreshToken, reached through .describe()",
      files: {
        "src/base.ts": `import { z } from "zod";\nexport const TokenInfoBase = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string() });\n`,
        "src/schema.ts": `import { TokenInfoBase } from "./base";\nexport const TokenInfo = TokenInfoBase.describe("Anaplan tokenInfo");\n`,
      },
      errors: [{ messageId: "required", line: 2, file: "src/base.ts" }],
    },
    {
      name: "fix (zod): .optional() appended",
      code: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string().min(1) });`,
      errors: [{ messageId: "required", line: 2 }],
      output: `import { z } from "zod";\nexport const t = z.object({ tokenId: z.string(), tokenValue: z.string(), refreshToken: z.string().min(1).optional() });`,
    },
    {
      name: "fix (Joi): .required() becomes .optional()",
      code: `import Joi from "joi";\nexport const t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string().required() }).unknown();`,
      errors: [{ messageId: "required", line: 2 }],
      output: `import Joi from "joi";\nexport const t = Joi.object({ tokenId: Joi.string(), tokenValue: Joi.string(), refreshToken: Joi.string().optional() }).unknown();`,
    },
    {
      name: "fix (JSON Schema): refreshToken leaves the required list",
      filename: "schemas/token.json",
      code: `{\n  "type": "object",\n  "required": ["tokenId", "tokenValue", "refreshToken"],\n  "properties": { "tokenId": {}, "tokenValue": {}, "refreshToken": {} }\n}\n`,
      errors: [{ messageId: "required", line: 3 }],
      output: `{\n  "type": "object",\n  "required": ["tokenId", "tokenValue"],\n  "properties": { "tokenId": {}, "tokenValue": {}, "refreshToken": {} }\n}\n`,
    },
    {
      name: "fix (YAML): a block list loses the item's line",
      filename: "schemas/token.yaml",
      code: `type: object\nrequired:\n  - tokenId\n  - refreshToken\n  - tokenValue\nproperties:\n  tokenId: { type: string }\n  tokenValue: { type: string }\n  refreshToken: { type: string }\n`,
      errors: [{ messageId: "required", line: 4 }],
      output: `type: object\nrequired:\n  - tokenId\n  - tokenValue\nproperties:\n  tokenId: { type: string }\n  tokenValue: { type: string }\n  refreshToken: { type: string }\n`,
    },
    {
      name: "fix (TypeScript): the property becomes optional",
      code: `export interface TokenInfo {\n  tokenId: string;\n  tokenValue: string;\n  refreshToken: string;\n}`,
      errors: [{ messageId: "type-only", line: 4 }],
      output: `export interface TokenInfo {\n  tokenId: string;\n  tokenValue: string;\n  refreshToken?: string;\n}`,
    },
  ],
});
