// The tool's own name, version and docs location, read once from its package.json.
import { createRequire } from "node:module";

interface PackageJson {
  name: string;
  version: string;
  homepage?: string;
}

const pkg = createRequire(import.meta.url)("../../package.json") as PackageJson;

export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
/** The version of the `--format json` output contract (schemas/output.schema.json). */
export const OUTPUT_VERSION = "0.1.0";

export const HOMEPAGE = pkg.homepage ?? "https://github.com/anaplan-auth-lint/anaplan-auth-lint";

export function ruleDocsUrl(ruleId: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}
