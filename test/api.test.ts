// The package's programmatic API, imported by its name as a user's script would.
import assert from "node:assert/strict";
import { it } from "node:test";
import { writeProject } from "./support/rule-tester.js";

it("import { lint } from \"anaplan-auth-lint\" returns the JSON output's shape", async () => {
  const api = (await import("anaplan-auth-lint")) as typeof import("../src/index.js");
  const dir = writeProject({ name: "api", code: `import axios from "axios";\nawait axios.post("https://auth.anaplan.com/token/authenticate", { encodedData: a, encodedSignedData: b });\n` });
  const result = await api.lint({ cwd: dir, paths: ["."] });
  assert.equal(result.version, "0.1.0");
  assert.ok(result.findings.some((f) => f.ruleId === "encoded-data-format" && f.fix));
  assert.equal(typeof api.lintAndFix, "function");
  assert.equal(api.rules.length, 6);
});
