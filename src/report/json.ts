// --format json: the versioned output contract (schemas/output.schema.json), byte-for-byte stable.
import { redact } from "../redact.js";
import type { Finding, Fix, RunResult } from "../types.js";

export function formatJson(result: RunResult): string {
  return `${JSON.stringify({ ...result, findings: result.findings.map(redactFixes), suppressed: result.suppressed.map(redactFixes) }, null, 2)}\n`;
}

/**
 * A fix's text is code the tool writes, but it may carry text of the file (a comment it moves, a default it
 * keeps): printed, it is redacted like any text from a scanned file. The API's findings keep it exact.
 */
function redactFixes<F extends Finding>(finding: F): F {
  const clean = (fix: Fix): Fix => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, text: redact(e.text) })) });
  return {
    ...finding,
    ...(finding.fix ? { fix: clean(finding.fix) } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions.map(clean) } : {}),
  };
}
