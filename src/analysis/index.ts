// The questions rules may ask, answered over code and Postman documents alike. Rules see payload fields and
// verdicts; which syntax produced them stays in the analyses.
import type { ts as TS } from "ts-morph";
import type { Span } from "../source.js";
import { tsApi } from "../parse/typescript.js";
import { enclosingFunction, qualifiedName } from "./ast.js";
import { base64Source, bytesOf, bytesOfHexText, shortText, type ByteSequence } from "./bytes.js";
import type { Payload, PayloadField } from "./payloads.js";
import { compareSignedBytes, type SignedBytesVerdict, type SignedInput, signingCallsOf, type SigningCall, usesPssPadding } from "./signature.js";
import { spanOfNode } from "./spans.js";
import { type Def, defNode, type Env, envVariableName, exactText, Resolver, type Value } from "./values.js";
import { codeValidatorFaults } from "./validators/code.js";
import type { TokenValidatorFault } from "./validators/model.js";
import type { CodeUnit, Workspace } from "./workspace.js";

/** A value a field can have, as the rules judge it. */
export type FieldConstant =
  | { kind: "text"; text: string; span: Span }
  | { kind: "number"; value: number; span: Span }
  /** From an environment variable, with the values used when it is unset. */
  | { kind: "environment"; name: string; fallbacks: FieldConstant[]; span: Span }
  /** `null` or `undefined`: sent as null, or left out of the JSON altogether. */
  | { kind: "nothing"; written: "null" | "undefined"; span: Span }
  | { kind: "unknown"; span: Span };

/** Where a value that cannot change between requests is written. */
export type StaticSource =
  | { kind: "literal"; span: Span }
  | { kind: "environment"; name: string; span: Span }
  /** A request variable nothing computes (filled in by hand in Postman). */
  | { kind: "unset-variable"; name: string; span: Span };

export interface SignatureCheck {
  signing: SigningCall;
  span: Span;
  algorithm?: FieldConstant[];
  /** PSS padding requested in the key options (Anaplan verifies PKCS#1 v1.5). */
  pss: boolean;
  verdict: SignedBytesVerdict;
}

/** A buffer turned into text with something other than base64 (`toString("hex")`, `toString()`). */
export interface EncodingFault {
  encoding: string;
  span: Span;
}

type Expression = { expr: TS.Expression; env?: Env };

export class Analyses {
  readonly resolver: Resolver;

  constructor(readonly workspace: Workspace) {
    this.resolver = new Resolver(workspace);
  }

  spanOf(node: TS.Node): Span | undefined {
    return spanOfNode(this.workspace, node);
  }

  /** A construct as a message names it: its source, redacted and shortened. */
  describe(node: TS.Node): string {
    return `\`${shortText(node)}\``;
  }

  /** The code expressions that compute a field (for Postman variables: the scripts that set them). */
  private expressionsOf(field: PayloadField): Expression[] {
    const value = field.value;
    if (value.kind === "code") return [{ expr: value.expr, env: value.env }];
    if (value.kind === "variable") return value.setters.map((s) => ({ expr: s.expr }));
    return [];
  }

  /** Every value a field can have, as written. */
  constantsOf(field: PayloadField): FieldConstant[] {
    const value = field.value;
    if (value.kind === "json") {
      if (typeof value.value === "string") return [{ kind: "text", text: value.value, span: value.span }];
      if (typeof value.value === "number") return [{ kind: "number", value: value.value, span: value.span }];
      if (value.value === null) return [{ kind: "nothing", written: "null", span: value.span }];
      return [{ kind: "unknown", span: value.span }];
    }
    if (value.kind === "variable" && !value.setters.length) return [{ kind: "unknown", span: value.span }];
    return this.expressionsOf(field).flatMap((e) => this.resolver.evaluate(e.expr, e.env).map((v) => this.constant(v, field.span)));
  }

  private constant(value: Value, fallbackSpan: Span): FieldConstant {
    const span = (value.def.kind !== "module" && this.spanOf(defNode(value.def))) || fallbackSpan;
    if (value.kind === "number") return { kind: "number", value: value.value, span };
    const text = exactText(value);
    if (text !== undefined) return { kind: "text", text, span };
    const only = value.kind === "text" && value.parts.length === 1 ? value.parts[0] : undefined;
    if (only && typeof only !== "string" && "env" in only) {
      return { kind: "environment", name: only.env, fallbacks: only.fallback.map((f) => this.constant(f, span)), span };
    }
    const node = value.def.kind === "expr" ? value.def.node : undefined;
    if (node && node.kind === tsApi().SyntaxKind.NullKeyword) return { kind: "nothing", written: "null", span };
    if (node && tsApi().isIdentifier(node) && node.text === "undefined") return { kind: "nothing", written: "undefined", span };
    return { kind: "unknown", span };
  }

  /** The buffers whose text is sent (`x` in `x.toString("base64")`), with the encoding and where it is chosen. */
  private encodedBuffers(field: PayloadField): (SignedInput & { encoding?: string; call: TS.Node })[] {
    const out: (SignedInput & { encoding?: string; call: TS.Node })[] = [];
    for (const e of this.expressionsOf(field)) {
      for (const def of this.resolver.leaves(e.expr, e.env)) {
        const source = def.kind === "expr" ? base64Source(def.node) : undefined;
        if (source && def.kind === "expr") out.push({ expr: source.buffer, env: def.env, hex: source.hexInput, encoding: source.encoding, call: def.node });
      }
    }
    return out;
  }

  /** The buffers (or hex texts) whose base64 is sent. */
  sentBuffers(field: PayloadField): SignedInput[] {
    return this.encodedBuffers(field).map(({ expr, env, hex }) => ({ expr, env, hex }));
  }

  /** Where a field's buffer is turned into hex, UTF-8 or base64url text instead of base64. */
  encodingFaults(field: PayloadField): EncodingFault[] {
    const faults: { encoding: string; node: TS.Node }[] = this.encodedBuffers(field)
      .map((b) => ({ encoding: b.encoding ?? "utf8", node: b.call }))
      .filter((b) => b.encoding.toLowerCase() !== "base64");
    for (const e of this.expressionsOf(field)) {
      for (const def of this.resolver.leaves(e.expr, e.env)) {
        const encoding = def.kind === "expr" ? textEncodingOf(this.resolver, def.node, def.env) : undefined;
        if (encoding && def.kind === "expr") faults.push({ encoding, node: def.node });
      }
    }
    return faults.flatMap((f) => {
      const span = this.spanOf(f.node);
      return span ? [{ encoding: f.encoding, span }] : [];
    });
  }

  /**
   * Whether a node runs once per process (at the top of a module) while the payload is built per call: bytes
   * made there carry the time the module loaded, not the time of the login.
   */
  computedOnce(node: TS.Node, payload: Payload): boolean {
    return !!payload.node && !!enclosingFunction(payload.node) && !enclosingFunction(node);
  }

  /**
   * The byte sequences a base64 field can carry; undefined when its value is written as data (a JSON literal
   * or a variable nothing computes), which the static-data rule judges instead.
   */
  bytesSent(field: PayloadField): ByteSequence[] | undefined {
    const ts = tsApi();
    const expressions = this.expressionsOf(field);
    if (!expressions.length) return undefined;
    const out: ByteSequence[] = [];
    for (const e of expressions) {
      for (const def of this.resolver.leaves(e.expr, e.env)) {
        const source = def.kind === "expr" ? base64Source(def.node) : undefined;
        if (source?.hexInput && def.kind === "expr") out.push(...bytesOfHexText(this.resolver, source.buffer, def.env));
        else if (source && def.kind === "expr") out.push(...bytesOf(this.resolver, source.buffer, def.env));
        else if (def.kind === "expr" && (ts.isStringLiteralLike(def.node) || envVariableName(def.node))) out.push(...bytesOf(this.resolver, def.node, def.env));
        else out.push(...this.unencoded(def));
      }
    }
    return out;
  }

  /** A value that is not `buffer.toString("base64")`: constant, environment, parameter, or not understood. */
  private unencoded(def: Def): ByteSequence[] {
    const ts = tsApi();
    if (def.kind === "param") return [[{ kind: "param", node: def.node }]];
    const node = defNode(def);
    if (def.kind === "expr" && ts.isBinaryExpression(def.node)) return bytesOf(this.resolver, def.node, def.env);
    return [[{ kind: "opaque", why: `\`${shortText(node)}\``, node }]];
  }

  /** Where a field's value is fixed once for all requests. */
  staticSourcesOf(field: PayloadField): StaticSource[] {
    const value = field.value;
    if (value.kind === "json") return typeof value.value === "string" && value.value.trim() ? [{ kind: "literal", span: value.span }] : [];
    if (value.kind === "variable" && !value.setters.length) return [{ kind: "unset-variable", name: value.name, span: value.span }];
    const out: StaticSource[] = [];
    for (const sequence of this.bytesSent(field) ?? []) {
      const first = sequence[0];
      const span = first && this.spanOf(first.node);
      if (!first || !span) continue;
      // An empty string is a placeholder, not a stored login.
      const empty = tsApi().isStringLiteralLike(first.node) && !first.node.text.trim();
      if (first.kind === "constant" && !empty) out.push({ kind: "literal", span });
      if (first.kind === "environment") out.push({ kind: "environment", name: first.name, span });
    }
    return out;
  }

  /** Where validators of the token response in a code file reject the response as it is since June 2026. */
  tokenValidatorFaults(unit: CodeUnit, liveResponse = false): TokenValidatorFault[] {
    return codeValidatorFaults(this.resolver, unit, liveResponse);
  }

  /** For each signing call behind encodedSignedData: does it sign the bytes sent as encodedData? */
  signatureChecks(payload: Payload): SignatureCheck[] {
    const signed = payload.fields.get("encodedSignedData");
    const data = payload.fields.get("encodedData");
    if (!signed || !data) return [];
    const sent = this.sentBuffers(data);
    const out: SignatureCheck[] = [];
    for (const e of this.expressionsOf(signed)) {
      for (const signing of signingCallsOf(this.resolver, e.expr, e.env)) {
        const span = this.spanOf(signing.call);
        if (!span) continue;
        const algorithm: FieldConstant[] | undefined = signing.algorithm
          ? this.resolver.evaluate(signing.algorithm).map((v) => this.constant(v, span))
          : signing.algorithmName
            ? [{ kind: "text", text: signing.algorithmName, span }]
            : undefined;
        const verdict: SignedBytesVerdict = sent.length ? compareSignedBytes(this.resolver, signing, sent) : { kind: "unknown" };
        out.push({ signing, span, algorithm, pss: !!signing.pss || usesPssPadding(this.resolver, signing), verdict });
      }
    }
    return out;
  }
}

/** Library calls that print bytes as hex text. */
const HEX_ENCODERS = /^(forge\.util\.bytesToHex|CryptoJS\.enc\.Hex\.stringify)$/;

/**
 * The text encoding of a value that is not `buffer.toString(…)`: hex from forge or CryptoJS, a node signer's
 * `.sign(key, "hex")`, or jsrsasign's `sig.sign()` (always hex) sent without hextob64.
 */
function textEncodingOf(resolver: Resolver, node: TS.Expression, env: Env | undefined): string | undefined {
  const ts = tsApi();
  if (!ts.isCallExpression(node)) return undefined;
  if (HEX_ENCODERS.test(qualifiedName(node.expression) ?? "")) return "hex";
  const signing = signingCallsOf(resolver, node, env).find((s) => s.call === node);
  if (!signing) return undefined;
  if (signing.hexOutput) return "hex";
  const encoding = signing.outputEncoding;
  return encoding && encoding.toLowerCase() !== "base64" ? encoding : undefined;
}
