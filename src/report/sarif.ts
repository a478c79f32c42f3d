// --format sarif: SARIF 2.1.0 as GitHub code scanning reads it: the rules with their docs, each result with a
// relative location, a fingerprint that survives line shifts, and its fix when there is one.
import { ruleMarkdown } from "../explain.js";
import { ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from "../package-info.js";
import { redact } from "../redact.js";
import type { Rule } from "../rule.js";
import type { Finding, Fix, RunResult, Severity } from "../types.js";
import { fingerprints } from "./fingerprint.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
const SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export function formatSarif(result: RunResult, rules: readonly Rule[], sourceOf: (file: string) => string | undefined, homepage: string): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const prints = fingerprints(result.findings, sourceOf);
  const suppressedPrints = fingerprints(result.suppressed, sourceOf);
  const sarif = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: homepage,
            rules: rules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.summary },
              fullDescription: { text: r.meta.docs.whatItFinds },
              help: { text: `${r.meta.docs.whatItFinds}\n\n${r.meta.docs.whyItBreaksNow}`, markdown: ruleMarkdown(r) },
              helpUri: ruleDocsUrl(r.meta.id),
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The folder the tool was run in." } } },
        results: [
          ...result.findings.map((f, i) => resultOf(f, index.get(f.ruleId) ?? -1, prints[i])),
          // Suppressed findings stay in the log, marked, as code scanning expects.
          ...result.suppressed.map((f, i) => ({
            ...resultOf(f, index.get(f.ruleId) ?? -1, suppressedPrints[i]),
            suppressions: [{ kind: f.suppression.kind === "inline" ? "inSource" : "external", ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) }],
          })),
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function location(file: string) {
  // Each segment encoded whole: "#" and "?" would start a fragment or a query, and a colon in the first
  // segment would read as a scheme.
  return { uri: file.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function resultOf(f: Finding, ruleIndex: number, fingerprint: string) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location(f.file),
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    ...(f.relatedLocations?.length
      ? {
          relatedLocations: f.relatedLocations.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: { artifactLocation: location(r.file), region: { startLine: r.line, startColumn: r.column } },
          })),
        }
      : {}),
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(f.fix ? { fixes: [fixOf(f.file, f.fix)] } : {}),
  };
}

function fixOf(file: string, fix: Fix) {
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: location(file),
        replacements: fix.edits.map((e) => ({
          deletedRegion: { charOffset: e.range.start.offset, charLength: e.range.end.offset - e.range.start.offset },
          // A fix may carry text of the file (a comment it moves): redacted like any text from a scanned file.
          insertedContent: { text: redact(e.text) },
        })),
      },
    ],
  };
}
