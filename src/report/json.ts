// --format json: the versioned output contract (schemas/output.schema.json), byte-for-byte stable.
import type { RunResult } from "../types.js";

export function formatJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
