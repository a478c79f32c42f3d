// Bundles the command line's start-up path into dist/src/cli.bundle.js, the installed `anaplan-auth-lint`.
// Loading ~300 small modules (yargs alone is ~40) cost more than the work of a pre-commit run on a few
// files; one file compiles in a fraction of that. ts-morph and ajv stay outside: they are loaded lazily,
// only when a file needs parsing or a schema evaluating. The bundle sits beside cli.js, so the paths it
// resolves from its own location (package.json, schemas/, the first-pass worker) are the same.
import fs from "node:fs";
import { build } from "esbuild";

const outfile = "dist/src/cli.bundle.js";
await build({
  entryPoints: ["dist/src/cli.js"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // jsonc-parser's UMD build requires its parts at run time; its ES module build bundles.
  mainFields: ["module", "main"],
  external: ["ts-morph", "ajv", "ajv-draft-04"],
  // Smaller to compile, with names kept for stack traces under --debug.
  minifyWhitespace: true,
  minifySyntax: true,
  // The bundled CommonJS packages call require(); in an ES module it has to be made.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
fs.chmodSync(outfile, 0o755);
