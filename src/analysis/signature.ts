// "What does encodedSignedData sign?" Finds the signing call behind a signature value and the bytes it is fed:
// crypto.sign(alg, data, key), and createSign(alg).update(…)….sign(key), chained or through a variable.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import { memberAccess, peel, qualifiedName, referencesTo } from "./ast.js";
import { base64Source, bytesOf, type ByteSequence, type Segment } from "./bytes.js";
import { defNode, type Env, type Resolver } from "./values.js";

export interface SigningCall {
  /** The call that produces the signature: where a finding about it is anchored. */
  call: TS.CallExpression;
  algorithm?: TS.Expression;
  /** The key argument: a PEM, a KeyObject, or options such as `{ key, padding }`. */
  key?: TS.Expression;
  /** The inputs, in the order they are fed to the signer. */
  data: { expr: TS.Expression; env?: Env }[];
  env?: Env;
}

/** The signing calls that can produce a signature value (the value sent as encodedSignedData). */
export function signingCallsOf(resolver: Resolver, signatureValue: TS.Expression, env?: Env): SigningCall[] {
  const out: SigningCall[] = [];
  for (const def of resolver.leaves(signatureValue, env)) {
    if (def.kind !== "expr") continue;
    const source = base64Source(def.node);
    const candidates = source ? resolver.leaves(source.buffer, def.env) : [def];
    for (const c of candidates) {
      if (c.kind !== "expr") continue;
      const signing = signingCall(resolver, c.node, c.env);
      if (signing) out.push(signing);
    }
  }
  return out;
}

function signingCall(resolver: Resolver, node: TS.Expression, env: Env | undefined): SigningCall | undefined {
  const ts = tsApi();
  if (!ts.isCallExpression(node)) return undefined;
  const name = qualifiedName(node.expression);
  if (name === "crypto.sign" && node.arguments[1]) {
    return { call: node, algorithm: node.arguments[0], key: node.arguments[2], data: [{ expr: node.arguments[1], env }], env };
  }
  const access = memberAccess(node.expression);
  if (!access || access.name !== "sign") return undefined;
  const signer = signerOf(resolver, access.object, env);
  return signer ? { call: node, algorithm: signer.algorithm, key: node.arguments[0], data: signer.data, env } : undefined;
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

/** A Sign object: `createSign(alg)` with the `.update(x)` calls made on it, chained or on its variable. */
function signerOf(resolver: Resolver, expr: TS.Expression, env: Env | undefined): Omit<SigningCall, "call"> | undefined {
  const ts = tsApi();
  const e = peel(expr);
  if (ts.isCallExpression(e)) {
    if (qualifiedName(e.expression) === "crypto.createSign") return { algorithm: e.arguments[0], data: [], env };
    const access = memberAccess(e.expression);
    if (access && (access.name === "update" || access.name === "write") && e.arguments[0]) {
      const inner = signerOf(resolver, access.object, env);
      return inner && { ...inner, data: [...inner.data, { expr: e.arguments[0], env }] };
    }
    return undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  for (const def of resolver.leaves(e, env)) {
    if (def.kind !== "expr" || !ts.isCallExpression(def.node)) continue;
    const created = signerOf(resolver, def.node, def.env);
    if (!created) continue;
    // Updates made on the variable after it was created, in source order.
    const holder = def.node.parent;
    const updates = ts.isVariableDeclaration(holder)
      ? referencesTo(holder)
          .map((ref) => ref.parent)
          .filter((p): p is TS.PropertyAccessExpression => ts.isPropertyAccessExpression(p) && (p.name.text === "update" || p.name.text === "write"))
          .map((p) => p.parent)
          .filter((c): c is TS.CallExpression => ts.isCallExpression(c) && c.arguments.length > 0)
          .sort((a, b) => a.pos - b.pos)
          .map((c) => ({ expr: c.arguments[0], env: def.env }))
      : [];
    return { ...created, data: [...created.data, ...updates] };
  }
  return undefined;
}

const SHA512_NAMES = new Set(["rsa-sha512", "sha512", "sha-512", "sha512withrsaencryption"]);

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
export function compareSignedBytes(resolver: Resolver, signing: SigningCall, sent: { expr: TS.Expression; env?: Env }[]): SignedBytesVerdict {
  const sentNodes = new Set(sent.flatMap((b) => resolver.leaves(b.expr, b.env)).map(defNode));
  const signedLeaves = signing.data.map((d) => resolver.leaves(d.expr, d.env));
  // The same buffer, however it was built, is the same bytes.
  if (signedLeaves.length === 1 && signedLeaves[0].some((d) => sentNodes.has(defNode(d)))) return { kind: "same" };
  for (const leaves of signedLeaves) {
    for (const d of leaves) {
      if (d.kind === "expr" && signsTextOf(resolver, d.node, d.env, sentNodes)) return { kind: "encoded-text" };
    }
  }
  const sentSequences = sent.flatMap((b) => bytesOf(resolver, b.expr, b.env));
  let signedSequences: ByteSequence[] = [[]];
  for (const d of signing.data) {
    const parts = bytesOf(resolver, d.expr, d.env);
    signedSequences = signedSequences.flatMap((prefix) => parts.map((p) => [...prefix, ...p])).slice(0, 16);
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
  return !!text && resolver.leaves(text.buffer, env).some((l) => sentNodes.has(defNode(l)));
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
