// Strictness written by hand instead of with a library: a list of allowed tokenInfo keys that every key of the
// response must be in (an allow-list loop over Object.keys, a Set's has()), exact-key assertions (chai's
// `have.all.keys`, `deep.equal` on the keys, as Postman test scripts write them), and a rest pattern whose
// leftovers must be empty. Each rejects the new refreshToken unless the list names it.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { peel, propertyNameText, qualifiedName, referencesTo, walk } from "../ast.js";
import { spanOfNode } from "../spans.js";
import { isTokenInfoShaped, NEW_TOKEN_FIELDS } from "../token-response.js";
import type { Resolver } from "../values.js";
import type { CodeUnit } from "../workspace.js";
import type { TokenValidatorFault } from "./model.js";
import { addArrayElements } from "../../fix/code-edits.js";

const ALLOW_LIST_METHODS = ["includes", "has", "indexOf"];
const CHAIN_METHODS = new Set(["keys", "property", "equal", "eql", "deepEqual", "deepStrictEqual", ...ALLOW_LIST_METHODS]);

/** Assertions in test files check fixed fixtures, not live responses. */
const TEST_FILE = /(^|[/\\])(__tests__|tests?|spec)[/\\]|\.(test|spec)\.[cm]?[jt]sx?$/i;

export function keyListFaults(resolver: Resolver, unit: CodeUnit, liveResponse: boolean): TokenValidatorFault[] {
  const ts = tsApi();
  if (!liveResponse && TEST_FILE.test(unit.source.file)) return [];
  const faults: TokenValidatorFault[] = [];
  const seen = new Set<TS.Node>();
  const report = (list: TS.Node, keys: string[], construct: string) => {
    if (seen.has(list) || !isTokenInfoShaped(keys) || keys.includes("refreshToken")) return;
    seen.add(list);
    const span = spanOfNode(resolver.workspace, list);
    const rejected = NEW_TOKEN_FIELDS.filter((f) => !keys.includes(f));
    // An allow-list array gains the names it lacks; an assertion's arguments are a list as well.
    const edit = ts.isArrayLiteralExpression(list) ? addArrayElements(resolver.workspace, list, rejected) : undefined;
    const fix = edit && { description: `Allow ${rejected.join(" and ")} too`, edits: [edit] };
    if (span) faults.push({ kind: "rejects-unknown", span, construct, rejected, fix });
  };
  walk(unit.sf, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = peel(node.expression);
      if (!ts.isPropertyAccessExpression(callee)) return;
      const method = callee.name.text;
      // The chain's text only for the assertions read from it: taken on every call, a long chain is quadratic.
      if (!CHAIN_METHODS.has(method)) return;
      const chain = callee.expression.getText();
      // expect(tokenInfo).to.have.all.keys("tokenId", …) / .to.have.keys([...]): exactly these keys.
      if (method === "keys" && /\bhave(\.all)?$/.test(chain) && !/\b(any|include|includes|contain|contains)\b/.test(chain)) {
        const keys = stringsOf(resolver, node.arguments);
        if (keys) report(node, keys, `an exact-keys assertion (\`${/\.all$/.test(chain) ? "have.all.keys" : "have.keys"}\`)`);
      }
      // expect(tokenInfo).to.have.property("refreshToken"): fails whenever the optional field is left out.
      if (method === "property" && /\bhave$/.test(chain) && !/\bnot\b/.test(chain) && stringsOf(resolver, node.arguments.slice(0, 1))?.[0] === "refreshToken") {
        const span = spanOfNode(resolver.workspace, node);
        if (span) faults.push({ kind: "requires-refresh-token", span, construct: 'the assertion `have.property("refreshToken")`' });
      }
      // expect(Object.keys(tokenInfo)).to.deep.equal([...]) / .to.eql([...])
      if ((method === "equal" && /\bdeep$/.test(chain)) || method === "eql" || method === "deepEqual" || method === "deepStrictEqual") {
        const subject = method.startsWith("deep") && !/\bdeep$/.test(chain) ? node.arguments[0] : expectSubject(callee.expression);
        if (subject && /Object\.keys\s*\(/.test(subject.getText())) {
          const expected = method.startsWith("deep") && !/\bdeep$/.test(chain) ? node.arguments[1] : node.arguments[0];
          const keys = expected && stringsOf(resolver, [expected]);
          if (keys) report(node, keys, "an assertion that the keys equal a fixed list");
        }
      }
      // allowed.includes(key) / allowed.has(key) / allowed.indexOf(key), next to Object.keys(…): an allow-list.
      if (ALLOW_LIST_METHODS.includes(method) && iteratesKeys(node) && rejectsOnMiss(node)) {
        for (const def of resolver.leaves(callee.expression)) {
          if (def.kind !== "expr") continue;
          const list = listNode(def.node);
          const keys = list && stringsOf(resolver, [list]);
          if (list && keys) report(list, keys, "a hand-written allow-list of keys");
        }
      }
    }
    // const { tokenId, tokenValue, ...rest } = tokenInfo; if (Object.keys(rest).length) throw …
    if (ts.isObjectBindingPattern(node)) {
      const rest = node.elements.find((e) => e.dotDotDotToken);
      if (!rest || !ts.isIdentifier(rest.name) || !leftoversChecked(rest)) return;
      const keys = node.elements.filter((e) => !e.dotDotDotToken).map((e) => propertyNameText(e.propertyName ?? e.name));
      report(rest, keys.filter((k): k is string => !!k), "a rest pattern whose leftover keys must be empty");
    }
  });
  return faults;
}

/** `Object.keys(rest).length` (or `Object.entries`) somewhere: the leftovers are checked to be none. */
function leftoversChecked(rest: TS.BindingElement): boolean {
  const ts = tsApi();
  return referencesTo(rest).some((ref) => {
    const call = ref.parent;
    return (
      ts.isCallExpression(call) &&
      /^Object\.(keys|entries)$/.test(call.expression.getText()) &&
      ts.isPropertyAccessExpression(call.parent) &&
      call.parent.name.text === "length"
    );
  });
}

/** `pm.expect(x).to.deep` → x */
function expectSubject(chain: TS.Expression): TS.Expression | undefined {
  const ts = tsApi();
  let e: TS.Expression = peel(chain);
  for (let guard = 0; guard < 20; guard++) {
    if (ts.isPropertyAccessExpression(e)) e = peel(e.expression);
    else if (ts.isCallExpression(e)) {
      const name = qualifiedName(e.expression) ?? e.expression.getText();
      if (/(^|\.)expect$/.test(name)) return e.arguments[0];
      e = peel(e.expression);
    } else return undefined;
  }
  return undefined;
}

/**
 * Whether a failed membership test rejects: negated (`!allowed.has(k)`, `indexOf(k) === -1`), or the test of
 * an `every(…)`. A lookup that only chooses a value (`SENSITIVE.has(k) ? "***" : v`) rejects nothing.
 */
function rejectsOnMiss(call: TS.CallExpression): boolean {
  const ts = tsApi();
  let n: TS.Node = call;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const parent = n.parent;
  if (parent && ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (parent && ts.isBinaryExpression(parent) && /^-1$/.test((parent.left === n ? parent.right : parent.left).getText().replace(/\s/g, ""))) return true;
  for (let p: TS.Node | undefined = parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "every") return true;
    if (ts.isStatement(p)) break;
  }
  return false;
}

/** Whether a membership test sits where the keys of an object are being gone through. */
function iteratesKeys(call: TS.CallExpression): boolean {
  const ts = tsApi();
  for (let n: TS.Node | undefined = call.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isForInStatement(n)) return true;
    if ((ts.isForOfStatement(n) || ts.isCallExpression(n)) && /Object\.(keys|entries|getOwnPropertyNames)\s*\(/.test(n.getText().slice(0, 200))) return true;
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) return false;
  }
  return false;
}

/** An array literal, or the array a `new Set([...])` is made of. */
function listNode(node: TS.Node): TS.Expression | undefined {
  const ts = tsApi();
  const e = ts.isExpression(node) ? peel(node) : undefined;
  if (!e) return undefined;
  if (ts.isArrayLiteralExpression(e)) return e;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Set" && e.arguments?.[0]) {
    const inner = peel(e.arguments[0]);
    return ts.isArrayLiteralExpression(inner) ? inner : undefined;
  }
  return undefined;
}

/** The strings a list of arguments spells: literals, or one array of literals (through constants). */
function stringsOf(resolver: Resolver, args: readonly TS.Expression[]): string[] | undefined {
  const ts = tsApi();
  const out: string[] = [];
  for (const arg of args) {
    const e = peel(arg);
    if (ts.isStringLiteralLike(e)) out.push(e.text);
    else if (ts.isArrayLiteralExpression(e)) {
      for (const element of e.elements) {
        const item = peel(element as TS.Expression);
        if (ts.isStringLiteralLike(item)) out.push(item.text);
        else return undefined;
      }
    } else if (ts.isIdentifier(e)) {
      const def = resolver.leaves(e).find((d) => d.kind === "expr" && d.node !== e);
      const list = def && def.kind === "expr" ? listNode(def.node) : undefined;
      const inner = list && stringsOf(resolver, [list]);
      if (!inner) return undefined;
      out.push(...inner);
    } else return undefined;
  }
  return out;
}
