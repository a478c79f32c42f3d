// What the shipped code loads must be installed by a plain `npm install anaplan-auth-lint`: every package
// imported or required from dist/src and dist/rules is a runtime dependency, not a devDependency.
import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { REPO_ROOT } from "./support/cli.js";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
}

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0])) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

it("every package the shipped code loads is a runtime dependency", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const loaded = new Set<string>();
  for (const file of [...filesUnder(path.join(REPO_ROOT, "dist/src")), ...filesUnder(path.join(REPO_ROOT, "dist/rules"))]) {
    const text = fs.readFileSync(file, "utf8");
    // Static imports (whole statements, not code in docs strings), and the lazy loads through createRequire.
    const statics = text.matchAll(/^(?:import|export)\b[^;\n]*?from\s+["']([^"']+)["'];$/gm);
    const lazy = text.matchAll(/(?:\bload|createRequire\([^)]*\))\(\s*["']([^"']+)["']\s*\)/g);
    for (const m of [...statics, ...lazy]) {
      const name = packageOf(m[1]);
      if (name) loaded.add(name);
    }
  }
  assert.ok(loaded.has("ajv-draft-04") && loaded.has("yaml"), "the scan finds lazily loaded packages too");
  const missing = [...loaded].filter((name) => !(name in (manifest.dependencies ?? {})));
  assert.deepEqual(missing, []);
});
