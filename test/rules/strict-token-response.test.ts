import { strictTokenResponse } from "../../rules/strict-token-response.js";
import { postmanCollection } from "../support/postman.js";
import { ruleTester } from "../support/rule-tester.js";

const testScript = (lines: string[]) => [{ listen: "test", script: { type: "text/javascript", exec: lines } }];

const FIELDS = `tokenId: z.string(), tokenValue: z.string(), expiresAt: z.number(), refreshTokenId: z.string()`;
const JOI_FIELDS = `tokenId: Joi.string(), tokenValue: Joi.string(), expiresAt: Joi.number(), refreshTokenId: Joi.string()`;
const TOKEN_PROPS = { tokenId: { type: "string" }, tokenValue: { type: "string" }, expiresAt: { type: "integer" }, refreshTokenId: { type: "string" } };
const json = (value: unknown) => JSON.stringify(value, null, 2);

ruleTester(strictTokenResponse, {
  valid: [
    { name: "zod: a default z.object strips unknown keys", code: `import { z } from "zod";\nexport const tokenInfo = z.object({ ${FIELDS} });` },
    { name: "zod: the last modifier wins (.strict().passthrough())", code: `import { z } from "zod";\nexport const tokenInfo = z.object({ ${FIELDS} }).strict().passthrough();` },
    {
      name: "zod: a strict tokenInfo that declares refreshToken and refreshTokenId as optional",
      code: `import { z } from "zod";\nexport const tokenInfo = z.object({ tokenId: z.string(), tokenValue: z.string(), expiresAt: z.number(), refreshTokenId: z.string().optional(), refreshToken: z.string().optional() }).strict();`,
    },
    {
      name: "zod: a strict envelope does not reach the tokenInfo inside it",
      code: `import { z } from "zod";\nconst tokenInfo = z.object({ ${FIELDS} });\nexport const response = z.object({ meta: z.object({ validationUrl: z.string() }).strict(), status: z.string(), tokenInfo }).strict();`,
    },
    {
      name: "zod: spreading .shape into a new z.object drops strictness",
      code: `import { z } from "zod";\nconst ids = z.object({ tokenId: z.string() }).strict();\nexport const tokenInfo = z.object({ ...ids.shape, tokenValue: z.string(), expiresAt: z.number() });`,
    },
    { name: "zod: an unrelated strict schema", code: `import { z } from "zod";\nexport const config = z.object({ url: z.string(), retries: z.number() }).strict();` },
    { name: "Joi: .unknown(true) on the object", code: `import Joi from "joi";\nexport const tokenInfo = Joi.object({ ${JOI_FIELDS} }).unknown(true);` },
    {
      name: "Joi: allowUnknown in the validate options",
      code: `import Joi from "joi";\nconst tokenInfo = Joi.object({ ${JOI_FIELDS} });\nexport const read = (body) => tokenInfo.validate(body, { allowUnknown: true });`,
    },
    { name: "Joi: a shared options constant with stripUnknown", code: `import Joi from "joi";\nconst OPTIONS = { stripUnknown: true };\nconst tokenInfo = Joi.object({ ${JOI_FIELDS} });\nexport const read = (b) => tokenInfo.validate(b, OPTIONS);` },
    { name: "yup: .noUnknown() without strict mode only strips", code: `import * as yup from "yup";\nexport const tokenInfo = yup.object({ tokenId: yup.string(), tokenValue: yup.string() }).noUnknown();` },
    { name: "superstruct: type() passes unknown keys", code: `import { type, string, number } from "superstruct";\nexport const TokenInfo = type({ tokenId: string(), tokenValue: string(), expiresAt: number() });` },
    { name: "valibot: object strips", code: `import * as v from "valibot";\nexport const TokenInfo = v.object({ tokenId: v.string(), tokenValue: v.string() });` },
    { name: "valibot: looseObject passes", code: `import * as v from "valibot";\nexport const TokenInfo = v.looseObject({ tokenId: v.string(), tokenValue: v.string() });` },
    {
      name: "JSON Schema: additionalProperties true, refreshToken declared and optional",
      filename: "schemas/auth.schema.json",
      code: json({ $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { status: { type: "string" }, tokenInfo: { type: "object", properties: { ...TOKEN_PROPS, refreshToken: { type: "string" } }, additionalProperties: false } } }),
    },
    {
      name: "JSON Schema: a strict envelope gains no field",
      filename: "schemas/auth.schema.json",
      code: json({ type: "object", additionalProperties: false, properties: { meta: { type: "object" }, status: { type: "string" }, statusMessage: { type: "string" }, tokenInfo: { type: "object", properties: TOKEN_PROPS } } }),
    },
    {
      name: "JSON Schema: versioned tokenInfo schemas in an anyOf, one of which declares refreshToken",
      filename: "schemas/auth.schema.json",
      code: json({
        type: "object",
        properties: { status: {}, tokenInfo: { anyOf: [{ $ref: "#/definitions/TokenInfoV1" }, { $ref: "#/definitions/TokenInfoV2" }] } },
        definitions: {
          TokenInfoV1: { type: "object", properties: TOKEN_PROPS, additionalProperties: false },
          TokenInfoV2: { type: "object", properties: { ...TOKEN_PROPS, refreshToken: { type: "string" } }, additionalProperties: false },
        },
      }),
    },
    {
      name: "JSON Schema: an unrelated strict schema",
      filename: "schemas/user.schema.json",
      code: json({ type: "object", properties: { name: { type: "string" }, tokenValue: { type: "string" } }, additionalProperties: false }),
    },
    {
      name: "ajv in code with removeAdditional strips instead of rejecting",
      code: `import Ajv from "ajv";\nconst ajv = new Ajv({ removeAdditional: "all" });\nexport const validate = ajv.compile({ type: "object", properties: { tokenId: { type: "string" }, tokenValue: { type: "string" } }, additionalProperties: false });`,
    },
    {
      name: "class-validator: whitelist without forbidNonWhitelisted strips",
      code: `import { IsString, validate } from "class-validator";\nclass TokenInfo { @IsString() tokenId!: string; @IsString() tokenValue!: string; }\nexport const check = (t: TokenInfo) => validate(t, { whitelist: true });`,
    },
    { name: "io-ts exact strips instead of rejecting", code: `import * as t from "io-ts";\nexport const TokenInfo = t.exact(t.type({ tokenId: t.string, tokenValue: t.string }));` },
    { name: "effect: Schema.Struct ignores excess keys by default", code: `import { Schema } from "effect";\nexport const TokenInfo = Schema.Struct({ tokenId: Schema.String, tokenValue: Schema.String });` },
    { name: "typia: is<T> accepts extra keys", code: `import typia from "typia";\ninterface TokenInfo { tokenId: string; tokenValue: string }\nexport const ok = (x: unknown) => typia.is<TokenInfo>(x);` },
    {
      name: "an allow-list that already names refreshToken",
      code: `const ALLOWED = ["tokenId", "tokenValue", "expiresAt", "refreshTokenId", "refreshToken"];\nexport function check(info: object) { for (const k of Object.keys(info)) if (!ALLOWED.includes(k)) throw new Error(k); }`,
    },
    {
      name: "exact-key assertions in a test file check a fixture, not the live response",
      filename: "test/token.test.ts",
      code: `import { expect } from "chai";\nexpect(fixture.tokenInfo).to.have.all.keys("tokenId", "tokenValue", "expiresAt", "refreshTokenId");`,
    },
    {
      name: "Postman: include.keys accepts extra keys",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection("", { events: testScript(['pm.expect(pm.response.json().tokenInfo).to.include.keys("tokenId", "tokenValue");']) }),
    },
    {
      name: "another identity provider's strict token response",
      code: `import { z } from "zod";\nconst OAuthToken = z.object({ access_token: z.string(), refresh_token: z.string(), expires_in: z.number() }).strict();\nexport const read = async (res: Response) => OAuthToken.parse(await res.json());`,
    },
    {
      name: "a strict one-field schema applied to something that is not tokenInfo",
      code: `import { z } from "zod";\nconst Session = z.object({ tokenValue: z.string() }).strict();\nexport const read = (body: { session: unknown }) => Session.parse(body.session);`,
    },
    {
      name: "Joi: a Joi.defaults instance that allows unknown keys",
      code: `import Joi from "joi";\nconst custom = Joi.defaults((schema) => schema.options({ allowUnknown: true }));\nexport const tokenInfo = custom.object({ ${JOI_FIELDS} });`,
    },
    {
      name: "yup: strict mode given to another schema's validate does not reach this one",
      code: `import * as yup from "yup";\nconst tokenInfo = yup.object({ tokenId: yup.string(), tokenValue: yup.string() }).noUnknown();\nconst address = yup.object({ street: yup.string() }).noUnknown();\nexport const a = (b: any) => tokenInfo.validate(b.tokenInfo);\nexport const c = (x: unknown) => address.validate(x, { strict: true });`,
    },
    { name: "a session record with two token-like fields and its own", code: `import { z } from "zod";\nexport const SessionCookie = z.object({ tokenId: z.string(), expiresAt: z.number(), userId: z.string() }).strict();` },
    {
      name: "zod 3: .merge takes the merged object's policy",
      code: `import { z } from "zod";\nconst Base = z.object({ tokenId: z.string() }).strict();\nexport const TokenInfo = Base.merge(z.object({ tokenValue: z.string(), expiresAt: z.number() }));`,
    },
    { name: "Joi: .pattern lets matching keys in", code: `import Joi from "joi";\nexport const t = Joi.object({ ${JOI_FIELDS} }).pattern(/.*/, Joi.any());` },
    {
      name: "ajv options held in a constant, with removeAdditional",
      code: `import Ajv from "ajv";\nconst options = { removeAdditional: "all" } as const;\nexport const v = new Ajv(options).compile({ type: "object", properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false });`,
    },
    {
      name: "a set used to choose a value is no allow-list",
      code: `const SENSITIVE = new Set(["tokenId", "tokenValue", "refreshTokenId"]);\nexport function redacted(info: Record<string, unknown>) {\n  const out: Record<string, unknown> = {};\n  for (const key of Object.keys(info)) out[key] = SENSITIVE.has(key) ? "***" : info[key];\n  return out;\n}`,
    },
    { name: "a TypeScript cast checks nothing at run time", code: `interface TokenInfo { tokenId: string; tokenValue: string; expiresAt: number }\nexport const read = (b: unknown) => (b as { tokenInfo: TokenInfo }).tokenInfo;` },
  ],
  invalid: [
    {
      name: "zod: .strict() on tokenInfo, anchored at the modifier",
      code: `import { z } from "zod";\nexport const tokenInfo = z\n  .object({ ${FIELDS} })\n  .strict();`,
      errors: [{ messageId: "rejects", line: 4, column: 4 }],
    },
    { name: "zod: z.strictObject", code: `import { z } from "zod";\nexport const tokenInfo = z.strictObject({ ${FIELDS} });`, errors: [{ messageId: "rejects", line: 2, column: 26 }] },
    { name: "zod 4: .catchall(z.never())", code: `import * as z from "zod";\nexport const tokenInfo = z.object({ ${FIELDS} }).catchall(z.never());`, errors: [{ messageId: "rejects", line: 2 }] },
    {
      name: "zod: .extend keeps the strictness of the base",
      code: `import { z } from "zod";\nconst base = z.object({ tokenId: z.string() }).strict();\nexport const tokenInfo = base.extend({ tokenValue: z.string(), expiresAt: z.number() });`,
      errors: [{ messageId: "rejects", line: 2 }],
    },
    {
      name: "zod: a strict tokenInfo inside a response schema, found by the response's shape",
      code: `import { z } from "zod";\nconst tokenInfo = z.object({ tokenValue: z.string() }).strict();\nexport const response = z.object({ status: z.string(), tokenInfo });`,
      errors: [{ messageId: "rejects", line: 2 }],
    },
    {
      name: "zod: missing refreshTokenId too is named in the message",
      code: `import { z } from "zod";\nexport const tokenInfo = z.object({ tokenId: z.string(), tokenValue: z.string() }).strict();`,
      errors: [{ messageId: "rejects", line: 2, message: "This validator of the token response's tokenInfo rejects keys it does not declare (`.strict()`) and does not declare `refreshToken` and `refreshTokenId`. Since 19 June 2026 the login response's tokenInfo carries refreshToken, so validation fails and the login is rejected. Declare `refreshToken` and `refreshTokenId` as optional, or let tokenInfo accept unknown keys." }],
    },
    { name: "Joi: a plain Joi.object rejects unknown keys by default", code: `import Joi from "joi";\nexport const tokenInfo = Joi.object({ ${JOI_FIELDS} });`, errors: [{ messageId: "rejects", line: 2, column: 26 }] },
    {
      name: "Joi: an explicit .unknown(false) beats allowUnknown in the options",
      code: `import Joi from "joi";\nconst tokenInfo = Joi.object({ ${JOI_FIELDS} }).unknown(false);\nexport const read = (b) => tokenInfo.validate(b, { allowUnknown: true });`,
      errors: [{ messageId: "rejects", line: 2 }],
    },
    { name: "Joi: keys added with .keys()", code: `const Joi = require("joi");\nmodule.exports = Joi.object().keys({ ${JOI_FIELDS} });`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: "yup: .noUnknown() with .strict()", code: `import * as yup from "yup";\nexport const tokenInfo = yup.object({ tokenId: yup.string(), tokenValue: yup.string() }).noUnknown().strict();`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: "yup: .exact()", code: `import { object, string } from "yup";\nexport const tokenInfo = object({ tokenId: string(), tokenValue: string() }).exact();`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: "superstruct: object() rejects unknown keys", code: `import { object, string, number } from "superstruct";\nexport const TokenInfo = object({ tokenId: string(), tokenValue: string(), expiresAt: number() });`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: "valibot: strictObject", code: `import * as v from "valibot";\nexport const TokenInfo = v.strictObject({ tokenId: v.string(), tokenValue: v.string() });`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: "valibot: objectWithRest(…, never())", code: `import * as v from "valibot";\nexport const TokenInfo = v.objectWithRest({ tokenId: v.string(), tokenValue: v.string() }, v.never());`, errors: [{ messageId: "rejects", line: 2 }] },
    {
      name: "TypeBox: additionalProperties: false",
      code: `import { Type } from "@sinclair/typebox";\nexport const TokenInfo = Type.Object({ tokenId: Type.String(), tokenValue: Type.String() }, { additionalProperties: false });`,
      errors: [{ messageId: "rejects", line: 2, column: 95 }],
    },
    {
      name: "JSON Schema (draft-07): a strict tokenInfo, anchored at additionalProperties",
      filename: "schemas/auth.schema.json",
      code: json({ $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { status: { type: "string" }, tokenInfo: { type: "object", properties: TOKEN_PROPS, additionalProperties: false } } }),
      errors: [{ messageId: "rejects", line: 24, column: 7 }],
    },
    {
      name: "JSON Schema: tokenInfo through $ref into definitions, anchored in the definition",
      filename: "schemas/auth.schema.json",
      code: json({ type: "object", properties: { status: {}, tokenInfo: { $ref: "#/definitions/TokenInfo" } }, definitions: { TokenInfo: { type: "object", properties: TOKEN_PROPS, additionalProperties: false } } }),
      errors: [{ messageId: "rejects", line: 26, column: 7 }],
    },
    {
      name: "JSON Schema 2020-12: unevaluatedProperties under $defs",
      filename: "schemas/auth.schema.json",
      code: json({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { TokenInfo: { type: "object", properties: TOKEN_PROPS, unevaluatedProperties: false } }, $ref: "#/$defs/TokenInfo" }),
      errors: [{ messageId: "rejects", line: 20, column: 7 }],
    },
    {
      name: "JSON Schema: an anyOf whose every branch rejects refreshToken",
      filename: "schemas/auth.schema.json",
      code: json({ type: "object", properties: { status: {}, tokenInfo: { anyOf: [{ type: "object", properties: TOKEN_PROPS, additionalProperties: false }, { type: "object", properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false }] } } }),
      errors: [
        { messageId: "rejects", line: 23 },
        { messageId: "rejects", line: 31 },
      ],
    },
    {
      name: "JSON Schema: the allOf trap",
      filename: "schemas/auth.schema.json",
      code: json({
        definitions: { TokenInfo: { allOf: [{ type: "object", properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false }, { type: "object", properties: { expiresAt: {}, refreshTokenId: {}, refreshToken: {} } }] } },
      }),
      errors: [{ messageId: "allof-trap", line: 11, column: 11 }],
    },
    {
      name: "JSON Schema draft-04: maxProperties",
      filename: "schemas/token-info.json",
      code: json({ $schema: "http://json-schema.org/draft-04/schema#", type: "object", properties: TOKEN_PROPS, maxProperties: 4 }),
      errors: [{ messageId: "max-properties", line: 18, column: 3 }],
    },
    {
      name: "JSON Schema: propertyNames with an enum of the old keys",
      filename: "schemas/token-info.json",
      code: json({ type: "object", properties: TOKEN_PROPS, propertyNames: { enum: Object.keys(TOKEN_PROPS) } }),
      errors: [{ messageId: "rejects", line: 17, column: 3 }],
    },
    {
      name: "OpenAPI 3 YAML: a strict component schema",
      filename: "openapi.yaml",
      code: `openapi: 3.0.3
info: { title: Anaplan auth, version: "1" }
paths:
  /token/authenticate:
    post:
      responses:
        "201":
          description: ok
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/AuthResponse"
components:
  schemas:
    AuthResponse:
      type: object
      properties:
        status: { type: string }
        tokenInfo:
          $ref: "#/components/schemas/TokenInfo"
    TokenInfo:
      type: object
      nullable: false
      properties:
        tokenId: { type: string, format: uuid }
        tokenValue: { type: string }
        expiresAt: { type: integer, format: int64 }
        refreshTokenId: { type: string }
      additionalProperties: false
      example: { tokenId: "x" }
`,
      errors: [{ messageId: "rejects", line: 29, column: 7 }],
    },
    {
      name: "a strict schema of any shape applied to the response's tokenInfo (found by data flow)",
      code: `import { z } from "zod";\nconst Token = z.object({ tokenValue: z.string() }).strict();\nexport const read = (body: { tokenInfo: unknown }) => Token.parse(body.tokenInfo);`,
      errors: [{ messageId: "rejects", line: 2 }],
    },
    {
      name: "superstruct: assert(x.tokenInfo, schema)",
      code: `import { assert, object, string } from "superstruct";\nconst Token = object({ tokenValue: string() });\nexport const read = (body: any) => assert(body.tokenInfo, Token);`,
      errors: [{ messageId: "rejects", line: 2 }],
    },
    {
      name: "Joi: allowUnknown given to another schema's validate does not relax this one",
      code: `import Joi from "joi";\nconst tokenInfo = Joi.object({ ${JOI_FIELDS} });\nconst user = Joi.object({ name: Joi.string() });\nexport const a = (b) => Joi.attempt(b.tokenInfo, tokenInfo);\nexport const u = (x) => user.validate(x, { allowUnknown: true });`,
      errors: [{ messageId: "rejects", line: 2, column: 19 }],
    },
    {
      name: "Joi: allowUnknown given when validating the response reaches its tokenInfo",
      code: `import Joi from "joi";\nconst tokenInfo = Joi.object({ ${JOI_FIELDS} });\nconst response = Joi.object({ status: Joi.string(), tokenInfo }).unknown();\nexport const strict = Joi.object({ ${JOI_FIELDS} }).label("other");\nexport const read = (b) => response.validate(b, { stripUnknown: true });`,
      errors: [{ messageId: "rejects", line: 4, column: 23 }],
    },
    {
      name: "a strict schema in one file, applied to body.tokenInfo in another",
      files: {
        "src/schemas.ts": `import { z } from "zod";\nexport const TokenValueOnly = z.object({ tokenValue: z.string() }).strict();\n`,
        "src/client.ts": `import { TokenValueOnly } from "./schemas.js";\nexport async function login(res: Response) {\n  const body = await res.json();\n  return TokenValueOnly.parse(body.tokenInfo).tokenValue;\n}\n`,
      },
      errors: [{ messageId: "rejects", line: 2, file: "src/schemas.ts" }],
    },
    {
      name: "a strict schema two modules away, reached only through .describe() on its name",
      files: {
        "src/fields.ts": `import { z } from "zod";\nexport const fields = z.object({ ${FIELDS} });\n`,
        "src/closed.ts": `import { fields } from "./fields";\nexport const closed = fields.strict();\n`,
        "src/schema.ts": `import { closed } from "./closed";\n/** The login response's tokenInfo, strict. */\nexport const TokenInfo = closed.describe("Anaplan tokenInfo");\n`,
      },
      errors: [{ messageId: "rejects", line: 2, file: "src/closed.ts" }],
    },
    {
      name: "Joi: a strict schema from another module, through .label() and .meta()",
      files: {
        "lib/base.js": `const Joi = require("joi");\nexports.tokenInfo = Joi.object({ ${JOI_FIELDS} });\n`,
        "lib/schema.js": `const base = require("./base");\n// strict: the login response's tokenInfo\nexports.TokenInfo = base.tokenInfo.label("tokenInfo").meta({ source: "anaplan" });\n`,
      },
      errors: [{ messageId: "rejects", line: 2, file: "lib/base.js" }],
    },
    {
      name: "zod: a builder called by element access",
      code: `import { z } from "zod";\nexport const TokenInfo = z["strictObject"]({ ${FIELDS} });`,
      errors: [{ messageId: "rejects", line: 2, column: 26 }],
    },
    {
      name: "JSON Schema: the allOf trap with the strict branch written as a $ref",
      filename: "schemas/auth.schema.json",
      code: json({
        type: "object",
        properties: { status: { type: "string" }, tokenInfo: { allOf: [{ $ref: "#/definitions/Base" }, { properties: { expiresAt: {}, refreshTokenId: {}, refreshToken: {} } }] } },
        definitions: { Base: { type: "object", properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false } },
      }),
      errors: [{ messageId: "allof-trap", line: 29, column: 7 }],
    },
    {
      name: "JSON Schema: maxProperties too small even with every field declared",
      filename: "schemas/token-info.json",
      code: json({ type: "object", properties: { ...TOKEN_PROPS, refreshToken: { type: "string" } }, maxProperties: 4 }),
      errors: [{ messageId: "max-properties", line: 20, column: 3, message: "`maxProperties: 4` allows no more keys than tokenInfo had before; since 19 June 2026 it also carries refreshToken, so the login response fails validation. Raise maxProperties to at least 5, or remove it." }],
    },
    {
      name: "a schema variable named like a library namespace",
      code: `import { z } from "zod";\nconst t = z.object({ ${FIELDS} });\nexport const TokenInfo = t.strict();`,
      errors: [{ messageId: "rejects", line: 3, column: 28 }],
    },
    {
      name: "the shape held in a constant",
      code: `import { z } from "zod";\nconst shape = { ${FIELDS} };\nexport const TokenInfo = z.object(shape).strict();`,
      errors: [{ messageId: "rejects", line: 3 }],
    },
    {
      name: "an allow-list checked over Object.entries",
      code: `const ALLOWED = new Set(["tokenId", "tokenValue", "expiresAt", "refreshTokenId"]);\nexport function check(body: any) {\n  for (const [k] of Object.entries(body.tokenInfo)) if (!ALLOWED.has(k)) throw new Error(k);\n}`,
      errors: [{ messageId: "rejects", line: 1, column: 25 }],
    },
    {
      name: "JSON Schema: a property named item does not make the file a Postman collection",
      filename: "schemas/token.json",
      code: json({ type: "object", properties: { item: { type: "string" }, ...TOKEN_PROPS }, additionalProperties: false }),
      errors: [{ messageId: "rejects", line: 20, column: 3 }],
    },
    {
      name: "JSON Schema: a root $id that is only a fragment",
      filename: "schemas/token.json",
      code: json({ $id: "#token", type: "object", properties: TOKEN_PROPS, additionalProperties: false }),
      errors: [{ messageId: "rejects", line: 18, column: 3 }],
    },
    {
      name: "YAML: strictness brought in with a merge key",
      filename: "schemas/token.yaml",
      code: `definitions:\n  strict: &strict\n    additionalProperties: false\n  TokenInfo:\n    <<: *strict\n    type: object\n    properties:\n      tokenId: { type: string }\n      tokenValue: { type: string }\n`,
      errors: [{ messageId: "rejects", line: 3, column: 5 }],
    },
    {
      name: "class-validator: whitelist with forbidNonWhitelisted, anchored at the options",
      code: `import { IsString, IsNumber, validate } from "class-validator";
class TokenInfo {
  @IsString() tokenId!: string;
  @IsString() tokenValue!: string;
  @IsNumber() expiresAt!: number;
}
export const check = (t: TokenInfo) => validate(t, { whitelist: true, forbidNonWhitelisted: true });`,
      errors: [{ messageId: "rejects", line: 7, column: 52 }],
    },
    {
      name: "effect: onExcessProperty error at the decode call",
      code: `import { Schema } from "effect";\nconst TokenInfo = Schema.Struct({ tokenId: Schema.String, tokenValue: Schema.String });\nexport const decode = Schema.decodeUnknownSync(TokenInfo, { onExcessProperty: "error" });`,
      errors: [{ messageId: "rejects", line: 3, column: 59 }],
    },
    { name: "runtypes: .exact()", code: `import { Record, String } from "runtypes";\nexport const TokenInfo = Record({ tokenId: String, tokenValue: String }).exact();`, errors: [{ messageId: "rejects", line: 2 }] },
    { name: 'arktype: "+": "reject"', code: `import { type } from "arktype";\nexport const TokenInfo = type({ tokenId: "string", tokenValue: "string", "+": "reject" });`, errors: [{ messageId: "rejects", line: 2, column: 74 }] },
    {
      name: "typia: assertEquals<T> with a type that lacks refreshToken",
      code: `import typia from "typia";\ninterface TokenInfo { tokenId: string; tokenValue: string; expiresAt: number }\nexport const read = (x: unknown) => typia.assertEquals<TokenInfo>(x);`,
      errors: [{ messageId: "rejects", line: 3, column: 37 }],
    },
    {
      name: "a hand-written allow-list loop over Object.keys",
      code: `const ALLOWED = ["tokenId", "tokenValue", "expiresAt", "refreshTokenId"];\nexport function check(info: Record<string, unknown>) {\n  for (const key of Object.keys(info)) {\n    if (!ALLOWED.includes(key)) throw new Error("unexpected " + key);\n  }\n}`,
      errors: [{ messageId: "rejects", line: 1, column: 17 }],
    },
    {
      name: "a Set of allowed keys checked with every()",
      code: `const KNOWN = new Set(["tokenId", "tokenValue", "expiresAt"]);\nexport const ok = (info: object) => Object.keys(info).every((k) => KNOWN.has(k));`,
      errors: [{ messageId: "rejects", line: 1, column: 23 }],
    },
    {
      name: "a rest pattern whose leftovers must be empty",
      code: `export function check(tokenInfo: Record<string, unknown>) {\n  const { tokenId, tokenValue, expiresAt, refreshTokenId, ...rest } = tokenInfo;\n  if (Object.keys(rest).length > 0) throw new Error("unexpected fields");\n  return { tokenId, tokenValue, expiresAt, refreshTokenId };\n}`,
      errors: [{ messageId: "rejects", line: 2, column: 59 }],
    },
    {
      name: "Postman test script: have.all.keys on tokenInfo",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection("", { events: testScript(["const info = pm.response.json().tokenInfo;", 'pm.expect(info).to.have.all.keys("tokenId", "tokenValue", "expiresAt", "refreshTokenId");']) }),
      errors: [{ messageId: "rejects", line: 13, column: 12 }],
    },
    {
      name: "Postman test script: the keys deep-equal a fixed list",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection("", { events: testScript(['pm.expect(Object.keys(pm.response.json().tokenInfo)).to.deep.equal(["tokenId", "tokenValue", "expiresAt"]);']) }),
      errors: [{ messageId: "rejects", line: 12, column: 12 }],
    },
    {
      name: "Postman test script: jsonSchema with a strict schema",
      filename: "anaplan.postman_collection.json",
      code: postmanCollection("", {
        events: testScript([
          'const schema = { type: "object", properties: { tokenInfo: { type: "object", properties: { tokenId: {}, tokenValue: {} }, additionalProperties: false } } };',
          "pm.response.to.have.jsonSchema(schema);",
        ]),
      }),
      errors: [{ messageId: "rejects", line: 12, column: 137 }],
    },
    {
      name: "ajv in code with an object-literal schema",
      code: `import Ajv from "ajv";
const ajv = new Ajv();
export const validate = ajv.compile({
  type: "object",
  properties: { tokenId: { type: "string" }, tokenValue: { type: "string" }, expiresAt: { type: "number" } },
  additionalProperties: false,
});`,
      errors: [{ messageId: "rejects", line: 6, column: 3 }],
    },
  ],
});

// --fix: the exact text after fixing.
ruleTester(strictTokenResponse, {
  valid: [],
  invalid: [
    {
      name: "fix (zod): the missing fields are declared optional, in the object's layout",
      code: `import { z } from "zod";\nexport const tokenInfo = z\n  .object({\n    tokenId: z.string(),\n    tokenValue: z.string(),\n  })\n  .strict();`,
      errors: [{ messageId: "rejects", line: 7 }],
      output: `import { z } from "zod";\nexport const tokenInfo = z\n  .object({\n    tokenId: z.string(),\n    tokenValue: z.string(),\n    refreshToken: z.string().optional(),\n    refreshTokenId: z.string().optional(),\n  })\n  .strict();`,
    },
    {
      name: "fix (Joi, CommonJS): refreshToken declared optional; refreshTokenId is already there",
      filename: "src/token.js",
      code: `const Joi = require("joi");\nmodule.exports = Joi.object({ ${JOI_FIELDS} });`,
      errors: [{ messageId: "rejects", line: 2, file: "src/token.js" }],
      output: `const Joi = require("joi");\nmodule.exports = Joi.object({ ${JOI_FIELDS}, refreshToken: Joi.string().optional() });`,
    },
    {
      name: "fix --unsafe-fixes (zod): with no safe fix for a named import, the suggestion relaxes strictness",
      code: `import { z } from "zod";\nconst { object, string } = z;\nexport const tokenInfo = object({ tokenId: string(), tokenValue: string() }).strict();`,
      errors: [{ messageId: "rejects", line: 3 }],
      unsafe: true,
      output: `import { z } from "zod";\nconst { object, string } = z;\nexport const tokenInfo = object({ tokenId: string(), tokenValue: string() }).passthrough();`,
    },
    {
      name: "fix (TypeBox): Type.Optional(Type.String())",
      code: `import { Type } from "@sinclair/typebox";\nexport const TokenInfo = Type.Object({ tokenId: Type.String(), tokenValue: Type.String() }, { additionalProperties: false });`,
      errors: [{ messageId: "rejects", line: 2 }],
      output: `import { Type } from "@sinclair/typebox";\nexport const TokenInfo = Type.Object({ tokenId: Type.String(), tokenValue: Type.String(), refreshToken: Type.Optional(Type.String()), refreshTokenId: Type.Optional(Type.String()) }, { additionalProperties: false });`,
    },
    {
      name: "fix (JSON Schema): added to the properties of the object that rejects, never to required",
      filename: "schemas/auth.schema.json",
      code: `{\n  "type": "object",\n  "properties": {\n    "status": { "type": "string" },\n    "tokenInfo": {\n      "type": "object",\n      "required": ["tokenId", "tokenValue"],\n      "properties": {\n        "tokenId": { "type": "string" },\n        "tokenValue": { "type": "string" }\n      },\n      "additionalProperties": false\n    }\n  }\n}\n`,
      errors: [{ messageId: "rejects", line: 12 }],
      output: `{\n  "type": "object",\n  "properties": {\n    "status": { "type": "string" },\n    "tokenInfo": {\n      "type": "object",\n      "required": ["tokenId", "tokenValue"],\n      "properties": {\n        "tokenId": { "type": "string" },\n        "tokenValue": { "type": "string" },\n        "refreshToken": { "type": "string" },\n        "refreshTokenId": { "type": "string" }\n      },\n      "additionalProperties": false\n    }\n  }\n}\n`,
    },
    {
      name: "fix (OpenAPI YAML): a block mapping gains lines in its own indentation, comments kept",
      filename: "openapi.yaml",
      code: `openapi: 3.0.3\ncomponents:\n  schemas:\n    TokenInfo: # as documented in 2024\n      type: object\n      properties:\n        tokenId: { type: string }\n        tokenValue: { type: string }\n      additionalProperties: false\n`,
      errors: [{ messageId: "rejects", line: 9 }],
      output: `openapi: 3.0.3\ncomponents:\n  schemas:\n    TokenInfo: # as documented in 2024\n      type: object\n      properties:\n        tokenId: { type: string }\n        tokenValue: { type: string }\n        refreshToken: { type: string }\n        refreshTokenId: { type: string }\n      additionalProperties: false\n`,
    },
    {
      name: "fix: an allow-list array gains the names it lacks",
      code: `const ALLOWED = ["tokenId", "tokenValue", "expiresAt"];\nexport function check(info: object) {\n  for (const k of Object.keys(info)) if (!ALLOWED.includes(k)) throw new Error(k);\n}`,
      errors: [{ messageId: "rejects", line: 1 }],
      output: `const ALLOWED = ["tokenId", "tokenValue", "expiresAt", "refreshToken", "refreshTokenId"];\nexport function check(info: object) {\n  for (const k of Object.keys(info)) if (!ALLOWED.includes(k)) throw new Error(k);\n}`,
    },
    {
      name: "fix: a schema typed JSONSchemaType<T> is only given a suggestion (T must change too)",
      code: `import Ajv, { type JSONSchemaType } from "ajv";\ninterface T { tokenId: string; tokenValue: string }\nconst schema: JSONSchemaType<T> = { type: "object", properties: { tokenId: { type: "string" }, tokenValue: { type: "string" } }, required: ["tokenId"], additionalProperties: false };\nexport const validate = new Ajv().compile(schema);`,
      errors: [{ messageId: "rejects", line: 3 }],
      output: null,
    },
    {
      name: "fix: a definition shared by several schemas is only given a suggestion",
      filename: "schemas/api.json",
      code: `{ "definitions": { "TokenInfo": { "type": "object", "properties": { "tokenId": {}, "tokenValue": {} }, "additionalProperties": false } }, "properties": { "a": { "$ref": "#/definitions/TokenInfo" }, "b": { "$ref": "#/definitions/TokenInfo" } } }\n`,
      errors: [{ messageId: "rejects", line: 1 }],
      output: null,
    },
    {
      name: "fix (JSON Schema): maxProperties raised to make room for refreshToken",
      filename: "schemas/token.json",
      code: `{ "type": "object", "properties": { "tokenId": {}, "tokenValue": {}, "refreshTokenId": {}, "expiresAt": {}, "refreshToken": {} }, "maxProperties": 4 }\n`,
      errors: [{ messageId: "max-properties", line: 1 }],
      output: `{ "type": "object", "properties": { "tokenId": {}, "tokenValue": {}, "refreshTokenId": {}, "expiresAt": {}, "refreshToken": {} }, "maxProperties": 5 }\n`,
    },
  ],
});
