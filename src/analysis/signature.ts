// "What does encodedSignedData sign?" Finds the signing call behind a signature value and the bytes it is fed:
// crypto.sign(alg, data, key), and createSign(alg).update(…)….sign(key), chained or through a variable.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { literalArgument, memberAccess, peel, qualifiedName, referencesTo } from "./ast.js";
import { BINARY_ENCODINGS, base64Source, bytesOf, bytesOfHexText, type ByteSequence, hexPrinted, MAX_SEGMENTS, type Segment } from "./bytes.js";
import { type Def, defNode, type Env, exactText, type Resolver } from "./values.js";

export interface SigningCall {
  /** The call that produces the signature: where a finding about it is anchored. */
  call: TS.CallExpression;
  /** The digest or algorithm as written ("RSA-SHA512", { alg: "SHA512withRSA" }'s value …). */
  algorithm?: TS.Expression;
  /** The digest when the library names it in the API itself (node-forge's md.sha512, WebCrypto's key hash). */
  algorithmName?: string;
  /** PSS padding requested through the API (WebCrypto's RSA-PSS, forge's pss scheme). */
  pss?: boolean;
  /** The key argument: a PEM, a KeyObject, or options such as `{ key, padding }`. */
  key?: TS.Expression;
  /** `sign(key, "hex")`: the text encoding the signature is returned in, when not a buffer. */
  outputEncoding?: string;
  /** jsrsasign returns the signature as hex text. */
  hexOutput?: boolean;
  /** The inputs, in the order they are fed to the signer (`hex`: text of hex digits, as jsrsasign's updateHex). */
  data: SignedInput[];
  env?: Env;
}

export interface SignedInput {
  expr: TS.Expression;
  env?: Env;
  hex?: boolean;
}

type Signer = Omit<SigningCall, "call" | "key">;

const UPDATE_METHODS = new Set(["update", "write", "updateHex", "updateString"]);
const WEBCRYPTO_SIGN = /(^|\.)subtle\.sign$/;
const FORGE_DIGEST = /^forge\.md\.(\w+)\.create$/;
const JSRSASIGN_SIGNATURE = /(^|\.)KJUR\.crypto\.Signature$/;

/** The signing calls that can produce a signature value (the value sent as encodedSignedData). */
export function signingCallsOf(resolver: Resolver, signatureValue: TS.Expression, env?: Env): SigningCall[] {
  const ts = tsApi();
  const out: SigningCall[] = [];
  const visit = (defs: Def[], depth: number): void => {
    for (const def of defs) {
      if (def.kind !== "expr") continue;
      const printed = base64Source(def.node)?.buffer ?? hexPrinted(def.node);
      if (printed && depth < 3) {
        visit(resolver.leaves(printed, def.env), depth + 1);
        continue;
      }
      // Buffer.from(await subtle.sign(…)), new Uint8Array(signature): the same bytes.
      const node = def.node;
      const wrapped = (ts.isCallExpression(node) && qualifiedName(node.expression) === "Buffer.from") || (ts.isNewExpression(node) && qualifiedName(node.expression) === "Uint8Array");
      if (wrapped && node.arguments?.[0] && depth < 3) {
        visit(resolver.leaves(node.arguments[0], def.env), depth + 1);
        continue;
      }
      const signing = signingCall(resolver, node, def.env);
      if (signing) out.push(signing);
    }
  };
  visit(resolver.leaves(signatureValue, env), 0);
  return out;
}

function signingCall(resolver: Resolver, node: TS.Expression, env: Env | undefined): SigningCall | undefined {
  const ts = tsApi();
  if (!ts.isCallExpression(node)) return undefined;
  const name = qualifiedName(node.expression) ?? "";
  const args = node.arguments;
  if (name === "crypto.sign" && args[1]) {
    return { call: node, algorithm: args[0], key: args[2], data: [{ expr: args[1], env }], env };
  }
  if (WEBCRYPTO_SIGN.test(name) && args[2]) return webCryptoSigning(resolver, node, env);
  const access = memberAccess(node.expression);
  if (!access || access.name !== "sign") return undefined;
  const signer = signerOf(resolver, access.object, env);
  if (signer) return { call: node, ...signer, key: args[0], outputEncoding: literalArgument(node, 1) };
  // node-forge: privateKey.sign(md[, scheme]), the digest object carrying the data.
  const digest = args[0] && signerOf(resolver, args[0], env);
  if (digest?.algorithmName) return { call: node, ...digest, key: access.object, pss: !!args[1] && /pss/i.test(args[1].getText()) };
  return undefined;
}

/** `subtle.sign(algorithm, key, data)`; the digest comes from the key's import parameters. */
function webCryptoSigning(resolver: Resolver, call: TS.CallExpression, env: Env | undefined): SigningCall {
  const [algorithm, key, data] = call.arguments;
  const scheme = algorithmNameOf(resolver, algorithm, env);
  let hash: string | undefined;
  for (const def of resolver.leaves(key, env)) {
    if (def.kind !== "expr" || !tsApi().isCallExpression(def.node) || !/(^|\.)subtle\.importKey$/.test(qualifiedName(def.node.expression) ?? "")) continue;
    const params = def.node.arguments[2];
    const hashExpr = params && resolver.leaves(params, def.env).flatMap((p) => resolver.member(p, "hash"))[0];
    if (hashExpr?.kind === "expr") hash = algorithmNameOf(resolver, hashExpr.node, hashExpr.env);
  }
  return { call, algorithmName: hash, pss: scheme === "RSA-PSS", data: [{ expr: data, env }], env };
}

/** "SHA-512", or the `name` of `{ name: "SHA-512" }`. */
function algorithmNameOf(resolver: Resolver, expr: TS.Expression, env: Env | undefined): string | undefined {
  for (const value of resolver.evaluate(expr, env)) {
    const text = exactText(value);
    if (text) return text;
  }
  for (const def of resolver.leaves(expr, env)) {
    for (const n of resolver.member(def, "name")) {
      const text = n.kind === "expr" ? resolver.evaluate(n.node, n.env).map(exactText).find((t) => t) : undefined;
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * A signer or digest object and the data fed to it: `createSign(alg)`, jsrsasign's
 * `new KJUR.crypto.Signature({ alg })`, node-forge's `forge.md.sha512.create()`, with the `.update(x)` calls
 * made on it, chained or on its variable.
 */
function signerOf(resolver: Resolver, expr: TS.Expression, env: Env | undefined): Signer | undefined {
  const ts = tsApi();
  const e = peel(expr);
  const created = signerCreation(resolver, e, env);
  if (created) return created;
  if (ts.isCallExpression(e)) {
    const access = memberAccess(e.expression);
    if (access && UPDATE_METHODS.has(access.name) && e.arguments[0]) {
      const inner = signerOf(resolver, access.object, env);
      return inner && { ...inner, data: [...inner.data, { expr: e.arguments[0], env, hex: access.name === "updateHex" }] };
    }
    return undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  for (const def of resolver.leaves(e, env)) {
    if (def.kind !== "expr") continue;
    const signer = signerCreation(resolver, def.node, def.env) ?? (ts.isCallExpression(def.node) ? signerOf(resolver, def.node, def.env) : undefined);
    if (!signer) continue;
    // Updates made on the variable after it was created, in source order.
    const holder = def.node.parent;
    const updates = ts.isVariableDeclaration(holder)
      ? referencesTo(holder)
          .map((ref) => ref.parent)
          .filter((p): p is TS.PropertyAccessExpression => ts.isPropertyAccessExpression(p) && UPDATE_METHODS.has(p.name.text))
          .map((p) => p.parent)
          .filter((c): c is TS.CallExpression => ts.isCallExpression(c) && c.arguments.length > 0)
          .sort((a, b) => a.pos - b.pos)
          .map((c) => ({ expr: c.arguments[0], env: def.env, hex: memberAccess(c.expression)?.name === "updateHex" }))
      : [];
    return { ...signer, data: [...signer.data, ...updates] };
  }
  return undefined;
}

function signerCreation(resolver: Resolver, node: TS.Expression, env: Env | undefined): Signer | undefined {
  const ts = tsApi();
  if (ts.isCallExpression(node)) {
    const name = qualifiedName(node.expression) ?? "";
    if (name === "crypto.createSign") return { algorithm: node.arguments[0], data: [], env };
    const forge = FORGE_DIGEST.exec(name);
    if (forge) return { algorithmName: forge[1], data: [], env };
  }
  if (ts.isNewExpression(node) && JSRSASIGN_SIGNATURE.test(qualifiedName(node.expression) ?? "")) {
    const options = node.arguments?.[0];
    const alg = options && resolver.leaves(options, env).flatMap((d) => resolver.member(d, "alg"))[0];
    return { algorithm: alg?.kind === "expr" ? alg.node : undefined, data: [], env, hexOutput: true };
  }
  return undefined;
}

/** Whether the key options ask for PSS padding, which Anaplan's PKCS#1 v1.5 check rejects. */
export function usesPssPadding(resolver: Resolver, signing: SigningCall): boolean {
  const ts = tsApi();
  if (!signing.key) return false;
  return resolver.leaves(signing.key, signing.env).some((def) =>
    resolver.member(def, "padding").some((p) => {
      if (p.kind !== "expr") return false;
      if (ts.isNumericLiteral(p.node)) return p.node.text === "6";
      return /RSA_PKCS1_PSS_PADDING$/.test(qualifiedName(p.node) ?? p.node.getText());
    }),
  );
}

const SHA512_NAMES = new Set(["rsa-sha512", "sha512", "sha-512", "sha512withrsaencryption", "sha512withrsa"]);

export function isSha512(algorithm: string): boolean {
  return SHA512_NAMES.has(algorithm.toLowerCase());
}

export type SignedBytesVerdict =
  | { kind: "same" }
  /** The signer is fed only part of what is sent (typically the random bytes without the prefix). */
  | { kind: "part"; missing: Segment[] }
  /** The signer is fed the base64 text of the buffer, not its bytes. */
  | { kind: "encoded-text" }
  | { kind: "different" }
  | { kind: "unknown" };

/** Does the signing call sign exactly the bytes sent as encodedData? */
export function compareSignedBytes(resolver: Resolver, signing: SigningCall, sent: SignedInput[]): SignedBytesVerdict {
  const bytes = (input: SignedInput): ByteSequence[] => (input.hex ? bytesOfHexText : bytesOf)(resolver, input.expr, input.env);
  const sentNodes = new Set(sent.flatMap((b) => resolver.leaves(b.expr, b.env)).map(defNode));
  const signedLeaves = signing.data.map((d) => resolver.leaves(d.expr, d.env));
  // The same buffer, however it was built, is the same bytes.
  if (signedLeaves.length === 1 && signedLeaves[0].some((d) => sentNodes.has(defNode(d)))) return { kind: "same" };
  for (const leaves of signedLeaves) {
    for (const d of leaves) {
      if (d.kind === "expr" && signsTextOf(resolver, d.node, d.env, sentNodes)) return { kind: "encoded-text" };
    }
  }
  const sentSequences = sent.flatMap(bytes);
  let signedSequences: ByteSequence[] = [[]];
  // Past MAX_SEGMENTS the sequences are cut anyway: a signer fed a thousand updates is judged by its first ones.
  for (const d of signing.data.slice(0, MAX_SEGMENTS)) {
    const parts = bytes(d);
    signedSequences = signedSequences.flatMap((prefix) => parts.map((p) => [...prefix, ...p].slice(0, MAX_SEGMENTS))).slice(0, 16);
  }
  const understood = (seq: ByteSequence): boolean => seq.every((s) => s.kind !== "opaque" && s.kind !== "param");
  let verdict: SignedBytesVerdict = { kind: "different" };
  for (const sentSeq of sentSequences) {
    for (const signedSeq of signedSequences) {
      if (sameSegments(sentSeq, signedSeq)) return { kind: "same" };
      if (!understood(sentSeq) || !understood(signedSeq)) verdict = { kind: "unknown" };
      else if (verdict.kind === "different") {
        const at = indexOfRun(sentSeq, signedSeq);
        if (at >= 0) verdict = { kind: "part", missing: [...sentSeq.slice(0, at), ...sentSeq.slice(at + signedSeq.length)] };
      }
    }
  }
  return verdict;
}

/** `buffer.toString("base64")`, possibly wrapped in Buffer.from(), of a buffer that is sent. */
function signsTextOf(resolver: Resolver, node: TS.Expression, env: Env | undefined, sentNodes: Set<TS.Node>): boolean {
  const ts = tsApi();
  const e = peel(node);
  if (ts.isCallExpression(e) && qualifiedName(e.expression) === "Buffer.from" && e.arguments[0]) {
    return resolver.leaves(e.arguments[0], env).some((d) => d.kind === "expr" && signsTextOf(resolver, d.node, d.env, sentNodes));
  }
  const text = base64Source(e);
  if (!text || BINARY_ENCODINGS.has(text.encoding?.toLowerCase() ?? "")) return false;
  return resolver.leaves(text.buffer, env).some((l) => sentNodes.has(defNode(l)));
}

function sameSegments(a: ByteSequence, b: ByteSequence): boolean {
  return a.length === b.length && a.every((s, i) => s.node === b[i].node && s.kind === b[i].kind);
}

/** Where `part` occurs as a contiguous, strictly shorter run of `whole`; -1 if it does not. */
function indexOfRun(whole: ByteSequence, part: ByteSequence): number {
  if (!part.length || part.length >= whole.length) return -1;
  for (let i = 0; i + part.length <= whole.length; i++) {
    if (sameSegments(whole.slice(i, i + part.length), part)) return i;
  }
  return -1;
}
