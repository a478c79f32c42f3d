// Fixes for the bytes of a certificate login: prefix random bytes with the v2 timestamp (through a helper
// added once per file), read the clock in seconds, write the prefix big-endian, and sign the buffer that is
// sent. Each is offered only where the analysis shows it is the whole change: the random call is the buffer
// that is both sent and signed, the clock is read inside the write, the sent buffer is in scope of the signer.
import type { ts as TS } from "ts-morph";
import type { Segment } from "../analysis/bytes.js";
import type { Analyses, SignatureCheck } from "../analysis/index.js";
import type { Payload } from "../analysis/payloads.js";
import { declarationOf, enclosingFunction, isConstDeclaration, peel, qualifiedName } from "../analysis/ast.js";
import { tsApi } from "../parse/typescript.js";
import type { FixSpec } from "../rule.js";
import { insertAt, replaceNode, type SpanEdit } from "./code-edits.js";

export const TIMESTAMP_HELPER = "withV2Timestamp";
const HELPER_DOC = "/** encodedData for encodedDataFormat v2: the current Unix time in seconds as 8 bytes big-endian, then the bytes. */";

/** Node's random byte maker, which returns the Buffer the helper takes (getRandomValues gives a Uint8Array). */
const BUFFER_RANDOM = /^crypto\.randomBytes$/;

/** `randomBytes(100)` → `withV2Timestamp(randomBytes(100))`, when that buffer is what is sent and signed. */
export function prefixRandomBytes(analysis: Analyses, payload: Payload, sequence: readonly Segment[]): FixSpec | undefined {
  const ts = tsApi();
  const first = sequence[0];
  if (sequence.length !== 1 || first?.kind !== "random" || !ts.isCallExpression(first.node)) return undefined;
  if (!BUFFER_RANDOM.test(qualifiedName(first.node.expression) ?? "")) return undefined;
  // Bytes made once when the module loads would carry a stale time on every later login.
  if (!enclosingFunction(first.node)) return undefined;
  const checks = analysis.signatureChecks(payload);
  if (!checks.length || checks.some((c) => c.verdict.kind !== "same")) return undefined;
  const wrap = replaceNode(analysis.workspace, first.node, `${TIMESTAMP_HELPER}(${first.node.getText()})`);
  const helper = helperEdit(analysis, first.node);
  if (!wrap || helper === null) return undefined;
  return { description: "Prefix the random bytes with the current Unix time in seconds, 8 bytes big-endian", edits: helper ? [helper, wrap] : [wrap] };
}

/** `Date.now()` inside the write → `Math.floor(Date.now() / 1000)`. */
export function clockInSeconds(analysis: Analyses, segment: Segment): FixSpec | undefined {
  if (segment.kind !== "timestamp" || !segment.clock || !contains(segment.node, segment.clock)) return undefined;
  const clock = segment.clock as TS.Expression;
  const edit = replaceNode(analysis.workspace, clock, `Math.floor(${clock.getText()} / 1000)`);
  return edit && { description: "Write the time in seconds: Math.floor(… / 1000)", edits: [edit] };
}

/** `writeBigUInt64LE` → `writeBigUInt64BE`; `setBigUint64(0, v, true)` → `false`. */
export function bigEndianWrite(analysis: Analyses, segment: Segment): FixSpec | undefined {
  const ts = tsApi();
  if (segment.kind !== "timestamp" || !ts.isCallExpression(segment.node)) return undefined;
  const callee = peel(segment.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  const description = "Write the timestamp big-endian";
  // One 64-bit write only: two 32-bit halves would also have to swap places.
  if (/^writeBigU?Int64LE$/.test(name)) {
    const edit = replaceNode(analysis.workspace, callee.name, name.replace(/LE$/, "BE"));
    return edit && { description, edits: [edit] };
  }
  const littleEndian = segment.node.arguments[2];
  if (/^setBig(U)?int64$/i.test(name) && littleEndian?.kind === ts.SyntaxKind.TrueKeyword) {
    const edit = replaceNode(analysis.workspace, littleEndian, "false");
    return edit && { description, edits: [edit] };
  }
  return undefined;
}

/** Sign the buffer that is sent, instead of the part of it that was signed, when it is in scope there. */
export function signSentBuffer(analysis: Analyses, payload: Payload, check: SignatureCheck): FixSpec | undefined {
  const ts = tsApi();
  const field = payload.fields.get("encodedData");
  const sent = field ? analysis.sentBuffers(field) : [];
  const input = check.signing.data[0];
  if (sent.length !== 1 || check.signing.data.length !== 1 || !input || sent[0].hex || input.hex) return undefined;
  const buffer = peel(sent[0].expr);
  if (!ts.isIdentifier(buffer)) return undefined;
  const declaration = declarationOf(buffer);
  // A const set before the signing call, in a scope that holds it: the same name is the same bytes there
  // (a `let` assigned later would not be set yet).
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !isConstDeclaration(declaration)) return undefined;
  if (declaration.end > check.signing.call.getStart() || !contains(declaration.parent?.parent?.parent ?? declaration, check.signing.call)) return undefined;
  const edit = replaceNode(analysis.workspace, input.expr, buffer.text);
  return edit && { description: `Sign ${buffer.text}, the bytes that are sent`, edits: [edit] };
}

function contains(outer: TS.Node, inner: TS.Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

/**
 * The helper, inserted once per file after its imports (undefined when the file has it already; null when
 * the file cannot take it).
 */
function helperEdit(analysis: Analyses, near: TS.Node): SpanEdit | undefined | null {
  const ts = tsApi();
  const sf = near.getSourceFile();
  // Ours is there already (an earlier fix in this file); a function of the user's by that name is another thing.
  if (sf.text.includes(HELPER_DOC)) return undefined;
  if (new RegExp(`\\b${TIMESTAMP_HELPER}\\b`).test(sf.text)) return null;
  const typed = /\.[cm]?tsx?$/i.test(sf.fileName);
  const indent = /\n([ \t]+)\S/.exec(sf.text)?.[1] ?? "  ";
  const body = [
    "",
    "",
    HELPER_DOC,
    `function ${TIMESTAMP_HELPER}(bytes${typed ? ": Buffer" : ""})${typed ? ": Buffer" : ""} {`,
    `${indent}const timestamp = Buffer.alloc(8);`,
    `${indent}timestamp.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));`,
    `${indent}return Buffer.concat([timestamp, bytes]);`,
    "}",
  ].join("\n");
  // After the imports and top-level requires at the head of the file.
  let last: TS.Statement | undefined;
  for (const statement of sf.statements) {
    const isImport = ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement);
    const isRequire = ts.isVariableStatement(statement) && /\brequire\s*\(/.test(statement.getText(sf));
    const isDirective = ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
    if (isImport || isRequire || isDirective) last = statement;
    else break;
  }
  // A blank line after it too, unless the file has one there already.
  if (last) return insertAt(analysis.workspace, last, "after", /^\r?\n[ \t]*\r?\n/.test(sf.text.slice(last.end)) ? body : `${body}\n`);
  const first = sf.statements[0];
  return first ? insertAt(analysis.workspace, first, "before", `${body.trimStart()}\n\n`) : null;
}
