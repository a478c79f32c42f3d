// The ESLint plugin: ESLint's own RuleTester on the rules (exact messages, locations and fixed output), and an
// ESLint run over the bundled sample integration that must report what the CLI reports there.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { ESLint, RuleTester } from "eslint";
import plugin from "anaplan-auth-lint/eslint-plugin";
import { lint } from "anaplan-auth-lint";
import { REPO_ROOT } from "./support/cli.js";

// RuleTester runs its cases through the test framework's describe/it when given them.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: "module" } });

const V1_LOGIN = `import axios from "axios";
await axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });
`;

tester.run("encoded-data-format", plugin.rules["encoded-data-format"], {
  valid: [
    { filename: "src/login.mjs", code: V1_LOGIN.replace("encodedSignedData: b }", 'encodedSignedData: b, encodedDataFormat: "v2" }') },
    { filename: "src/upload.mjs", code: `await fetch("https://api.example.com/v1/upload", { method: "POST", body: JSON.stringify({ encodedData: a }) });\n` },
  ],
  invalid: [
    {
      filename: "src/login.mjs",
      code: V1_LOGIN,
      output: V1_LOGIN.replace("encodedSignedData: b }", 'encodedSignedData: b, encodedDataFormat: "v2" }'),
      errors: [{ message: /has no encodedDataFormat/, line: 2, column: 65, endLine: 2, endColumn: 105 }],
    },
  ],
});

const STRICT_ZOD = `import { z } from "zod";
const TokenInfo = z.object({ expiresAt: z.number(), tokenId: z.string(), tokenValue: z.string(), refreshTokenId: z.string() }).strict();
export const parseLogin = (body) => TokenInfo.parse(body.tokenInfo);
`;

tester.run("strict-token-response", plugin.rules["strict-token-response"], {
  valid: [{ filename: "src/token.mjs", code: STRICT_ZOD.replace(".strict()", "") }],
  invalid: [
    {
      filename: "src/token.mjs",
      code: STRICT_ZOD,
      output: STRICT_ZOD.replace("refreshTokenId: z.string() }", "refreshTokenId: z.string(), refreshToken: z.string().optional() }"),
      errors: [
        {
          message: /rejects keys it does not declare \(`\.strict\(\)`\) and does not declare `refreshToken`/,
          line: 2,
          column: 128,
          endColumn: 134,
          suggestions: [{ desc: "Accept unknown keys in tokenInfo, as Anaplan advises for its responses", output: STRICT_ZOD.replace(".strict()", ".passthrough()") }],
        },
      ],
    },
  ],
});

describe("an ESLint run with the recommended config", () => {
  it("reports on the sample integration what the CLI reports there", async () => {
    const cwd = path.join(REPO_ROOT, "fixtures/v1-integration");
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ ...plugin.configs.recommended, files: ["**/*.cjs"] }] });
    const [result] = await eslint.lintFiles(["src/nightlyExport.cjs"]);
    const viaEslint = result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`);
    const own = await lint({ cwd, paths: ["src/nightlyExport.cjs"] });
    const viaCli = own.findings.filter((f) => f.severity !== "info" && f.file === "src/nightlyExport.cjs").map((f) => `anaplan-auth/${f.ruleId} ${f.line}:${f.column}`);
    assert.ok(viaCli.length > 0, "the sample has findings in this file");
    assert.deepEqual(viaEslint, viaCli);
    assert.equal(result.fatalErrorCount, 0);
  });
});
