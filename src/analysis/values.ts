// "What value does this expression have?" Follows names to the expressions that give them their value: const/let
// initialisers and assignments, destructuring, shorthand and spread, function and method returns (binding
// parameters to the call's arguments), class fields, default parameters, every branch of a conditional, and
// imports/exports across files (ESM and CommonJS), including JSON loaded with require/import/readFileSync.
import path from "node:path";
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";
import {
  bindingPath,
  declarationOf,
  enclosingClass,
  isConstDeclaration,
  requiredSpecifier,
  importSpecifierOf,
  memberAccess,
  objectProperty,
  peel,
  propertyNameText,
  qualifiedName,
  returnedExpressions,
  scopeOf,
  stringLiteralText,
  walk,
} from "./ast.js";
import type { CodeUnit, Workspace } from "./workspace.js";

/** Arguments bound to a function's parameters while following a call into it. */
export type Env = ReadonlyMap<TS.Node, { expr: TS.Expression; env?: Env }>;

/** Where following a value ends. */
export type Def =
  /** An expression that is not a name for something else: a literal, a call into a library, `new …`. */
  | { kind: "expr"; node: TS.Expression; env?: Env }
  | { kind: "function"; node: TS.SignatureDeclaration; env?: Env }
  /** A module's namespace (`import * as m`, `require("./m")`). */
  | { kind: "module"; unit: CodeUnit }
  /** A class, whose static members can be read (`LegacyAuth.ENCODED_DATA`). */
  | { kind: "class"; node: TS.ClassLikeDeclaration }
  /** A parameter no call site binds: its value comes from outside. */
  | { kind: "param"; node: TS.Node }
  /** A name whose value cannot be followed (declared without initialiser, a class, …). */
  | { kind: "unresolved"; node: TS.Node };

/** A part of a text the code computes: an environment variable (with its fallbacks), or anything else. */
export type Hole = { env: string; fallback: Value[]; def?: Def } | { unknown: Def };

export type Value =
  | { kind: "text"; parts: (string | Hole)[]; def: Def }
  | { kind: "number"; value: number; def: Def }
  | { kind: "unknown"; def: Def };

const MAX_DEPTH = 40;
const MAX_ALTERNATIVES = 32;
/** How many expressions one name may stand for before the rest are dropped. */
const MAX_LEAVES = 64;
/** Steps one file's analysis may take; past it the file gets a notice instead of hanging the run. */
const STEP_BUDGET = 200_000;
/**
 * A file's analysis also stops after this long, whatever its step count: steps differ in cost, and one file
 * (a generated bundle let in by a raised maxFileSize) must not hold a whole CI run. Checked every few
 * thousand steps, so the clock costs nothing; only absurd files come near it, so findings stay the same.
 */
const FILE_TIME_LIMIT_MS = 20_000;

/** Thrown when a file's analysis exceeds its step budget. */
export class AnalysisBudgetExceeded extends Error {
  override name = "AnalysisBudgetExceeded";
}

/**
 * One analysis's results per (node, argument bindings), so a value shared by many expressions is followed
 * once and a cycle (`const a = b; const b = a;`, modules that `export *` each other) ends.
 */
export class NodeMemo<T> {
  private unbound = new Map<TS.Node, T>();
  private bound = new WeakMap<Env, Map<TS.Node, T>>();

  get(node: TS.Node, env: Env | undefined, onCycle: T, compute: () => T): T {
    let table = env ? this.bound.get(env) : this.unbound;
    if (!table) {
      table = new Map();
      this.bound.set(env!, table);
    }
    if (table.has(node)) return table.get(node)!;
    table.set(node, onCycle); // seen again while being computed: a cycle
    let value: T;
    try {
      value = compute();
    } catch (error) {
      // An aborted computation (budget exceeded) must not leave its cycle placeholder behind as the answer.
      table.delete(node);
      throw error;
    }
    table.set(node, value);
    return value;
  }

  clear(): void {
    this.unbound = new Map();
    this.bound = new WeakMap();
  }
}

export function defNode(def: Def): TS.Node {
  return def.kind === "module" ? def.unit.sf : def.node;
}

/** `process.env.NAME` (or `process.env["NAME"]`): the variable's name. */
export function envVariableName(expr: TS.Expression): string | undefined {
  const access = memberAccess(peel(expr));
  if (!access) return undefined;
  return qualifiedName(access.object) === "process.env" ? access.name : undefined;
}

/** The literal text of a value, when it has no unknown parts. */
export function exactText(value: Value): string | undefined {
  if (value.kind !== "text" || value.parts.some((p) => typeof p !== "string")) return undefined;
  return value.parts.join("");
}

/** The value as a pattern: known text with U+0000 wherever a part is unknown. */
export function textPattern(value: Value): string | undefined {
  if (value.kind !== "text") return undefined;
  return value.parts.map((p) => (typeof p === "string" ? p : "\u0000")).join("");
}

export class Resolver {
  private steps = 0;
  private fileStarted = performance.now();
  private readonly memos = new Map<string, NodeMemo<unknown>>();
  private readonly leafMemo = this.memo<Def[]>("leaves");
  private readonly valueMemo = this.memo<Value[]>("values");
  private exportMemo = new WeakMap<TS.SourceFile, Map<string, Def[]>>();
  private propertyAssignments = new WeakMap<TS.VariableDeclaration, Map<string, TS.Expression[]>>();
  private assignments = new WeakMap<TS.VariableDeclaration, { assigned: TS.Expression[]; modified: boolean }>();

  constructor(readonly workspace: Workspace) {}

  /** A memo table for one analysis (bytes, time …), shared by every question asked in this run. */
  memo<T>(name: string): NodeMemo<T> {
    let memo = this.memos.get(name);
    if (!memo) this.memos.set(name, (memo = new NodeMemo<unknown>()));
    return memo as NodeMemo<T>;
  }

  /** Starts a new file's step budget. */
  startFile(): void {
    this.steps = 0;
    this.fileStarted = performance.now();
  }

  /**
   * Forgets every remembered result. Called after a file's analysis was aborted: results computed while the
   * budget ran out may be partial, and a later file must not inherit them (its findings would depend on the
   * order files are scanned in).
   */
  forgetAll(): void {
    for (const memo of this.memos.values()) memo.clear();
    this.exportMemo = new WeakMap();
    this.propertyAssignments = new WeakMap();
    this.assignments = new WeakMap();
  }

  /** Counts one step of work against the file's budget. */
  step(): void {
    if (++this.steps > STEP_BUDGET) throw new AnalysisBudgetExceeded("the value analysis took too many steps and gave up on this file");
    if ((this.steps & 4095) === 0 && performance.now() - this.fileStarted > FILE_TIME_LIMIT_MS) {
      throw new AnalysisBudgetExceeded(`the analysis of this file took more than ${FILE_TIME_LIMIT_MS / 1000} s and gave up`);
    }
  }

  /** The expressions that can give `expr` its value. */
  leaves(expr: TS.Expression, env?: Env, depth = 0): Def[] {
    this.step();
    const e = peel(expr);
    if (depth > MAX_DEPTH) return [{ kind: "expr", node: e, env }];
    return this.leafMemo.get(e, env, [], () => distinct(this.leavesOf(e, env, depth)));
  }

  private leavesOf(e: TS.Expression, env: Env | undefined, depth: number): Def[] {
    const ts = tsApi();
    if (ts.isIdentifier(e)) {
      if (e.text === "undefined") return [{ kind: "expr", node: e, env }];
      const decl = declarationOf(e);
      return decl ? this.ofDeclaration(decl, e, env, depth + 1) : [{ kind: "expr", node: e, env }];
    }
    if (ts.isConditionalExpression(e)) {
      return [...this.leaves(e.whenTrue, env, depth + 1), ...this.leaves(e.whenFalse, env, depth + 1)];
    }
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return [{ kind: "function", node: e, env }];
    const access = memberAccess(e);
    if (access && !envVariableName(e)) return this.ofMemberAccess(e, access, env, depth + 1);
    if (ts.isCallExpression(e)) return this.ofCall(e, env, depth + 1);
    return [{ kind: "expr", node: e, env }];
  }

  private ofDeclaration(decl: TS.Node, id: TS.Identifier, env: Env | undefined, depth: number): Def[] {
    const ts = tsApi();
    if (ts.isVariableDeclaration(decl)) {
      if (isConstDeclaration(decl)) return decl.initializer ? this.leaves(decl.initializer, env, depth) : [{ kind: "unresolved", node: decl }];
      const { assigned, modified } = this.assignmentsOf(decl);
      // `let s = ""; for (…) s += …`: built up step by step, so no single expression gives its value.
      if (modified) return [{ kind: "unresolved", node: decl }];
      // `let encoded = ""; … encoded = data.toString("base64")`: a literal start value later overwritten is a
      // placeholder, not the value that is used.
      const placeholder = decl.initializer && assigned.length > 0 && isPlaceholderLiteral(decl.initializer);
      const out = decl.initializer && !placeholder ? this.leaves(decl.initializer, env, depth) : [];
      for (const rhs of assigned) out.push(...this.leaves(rhs, env, depth));
      return out.length ? out : [{ kind: "unresolved", node: decl }];
    }
    if (ts.isParameter(decl)) {
      const bound = env?.get(decl);
      if (bound) return this.leaves(bound.expr, bound.env, depth);
      if (decl.initializer) return this.leaves(decl.initializer, env, depth);
      return [{ kind: "param", node: decl }];
    }
    if (ts.isBindingElement(decl)) return this.ofBindingElement(decl, env, depth);
    if (ts.isFunctionDeclaration(decl)) return [{ kind: "function", node: decl, env }];
    if (ts.isClassDeclaration(decl)) return [{ kind: "class", node: decl }];
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) {
      const unit = this.importedUnit(decl);
      if (!unit) return [{ kind: "expr", node: id, env }];
      if (ts.isNamespaceImport(decl)) return [{ kind: "module", unit }];
      const name = ts.isImportSpecifier(decl) ? (decl.propertyName ?? decl.name).text : "default";
      const out = this.exported(unit, name, depth);
      return out.length ? out : [{ kind: "unresolved", node: decl }];
    }
    return [{ kind: "unresolved", node: decl }];
  }

  private ofBindingElement(element: TS.BindingElement, env: Env | undefined, depth: number): Def[] {
    const ts = tsApi();
    const bpath = bindingPath(element);
    if (!bpath) return [{ kind: "unresolved", node: element }];
    let defs: Def[];
    if (ts.isParameter(bpath.rootDecl)) {
      const bound = env?.get(bpath.rootDecl);
      if (!bound) return element.initializer ? this.leaves(element.initializer, env, depth) : [{ kind: "param", node: element }];
      defs = this.leaves(bound.expr, bound.env, depth);
    } else {
      defs = this.leaves(bpath.root, env, depth);
    }
    for (const key of bpath.keys) defs = defs.flatMap((d) => this.member(d, String(key), depth + 1));
    if (!defs.length && element.initializer) return this.leaves(element.initializer, env, depth);
    return defs.length ? defs : [{ kind: "unresolved", node: element }];
  }

  private ofMemberAccess(e: TS.Expression, access: { object: TS.Expression; name: string }, env: Env | undefined, depth: number): Def[] {
    const ts = tsApi();
    const object = peel(access.object);
    if (object.kind === ts.SyntaxKind.ThisKeyword) {
      const out = this.classMember(e, access.name, depth);
      return out.length ? out : [{ kind: "expr", node: e, env }];
    }
    const out = this.leaves(object, env, depth).flatMap((d) => this.member(d, access.name, depth));
    if (ts.isIdentifier(object)) {
      const decl = declarationOf(object);
      if (decl && ts.isVariableDeclaration(decl)) {
        for (const rhs of this.propertyAssignmentsTo(decl, access.name)) out.push(...this.leaves(rhs, env, depth));
      }
    }
    return out.length ? out : [{ kind: "expr", node: e, env }];
  }

  private ofCall(call: TS.CallExpression, env: Env | undefined, depth: number): Def[] {
    const ts = tsApi();
    const required = requiredSpecifier(call);
    if (required !== undefined) {
      const unit = this.unitForSpecifier(call, required);
      return unit ? this.moduleValue(unit, depth) : [{ kind: "expr", node: call, env }];
    }
    const data = this.parsedDataFile(call, env, depth);
    if (data) return data;
    const callee = peel(call.expression);
    if (!ts.isIdentifier(callee) && !memberAccess(callee)) return [{ kind: "expr", node: call, env }];
    const targets = this.leaves(callee, env, depth).filter((d): d is Extract<Def, { kind: "function" }> => d.kind === "function");
    const out: Def[] = [];
    for (const target of targets) {
      const returns = returnedExpressions(target.node);
      if (!returns.length) continue;
      const bound = new Map(target.env ?? []);
      target.node.parameters.forEach((p, i) => {
        const arg = call.arguments[i];
        if (arg && !p.dotDotDotToken) bound.set(p, { expr: arg, env });
      });
      for (const r of returns) out.push(...this.leaves(r, bound, depth));
    }
    return out.length ? out : [{ kind: "expr", node: call, env }];
  }

  /** The value of property `name` of a followed value. */
  member(def: Def, name: string, depth = 0): Def[] {
    const ts = tsApi();
    if (depth > MAX_DEPTH) return [];
    if (def.kind === "module") return this.exported(def.unit, name, depth + 1);
    if (def.kind === "class") return this.staticMember(def.node, name, depth + 1);
    if (def.kind !== "expr") return [];
    const node = def.node;
    if (ts.isObjectLiteralExpression(node)) {
      const prop = objectProperty(node, name);
      if (prop && ts.isPropertyAssignment(prop)) return this.leaves(prop.initializer, def.env, depth + 1);
      if (prop && ts.isShorthandPropertyAssignment(prop)) return this.leaves(prop.name, def.env, depth + 1);
      if (prop && (ts.isMethodDeclaration(prop) || ts.isGetAccessorDeclaration(prop))) return [{ kind: "function", node: prop, env: def.env }];
      // Not written out: it may come from a spread (the last spread that has it wins).
      for (const spread of [...node.properties].reverse()) {
        if (!ts.isSpreadAssignment(spread)) continue;
        const inner = this.leaves(spread.expression, def.env, depth + 1).flatMap((d) => this.member(d, name, depth + 1));
        if (inner.length) return inner;
      }
      return [];
    }
    if (ts.isArrayLiteralExpression(node) && /^\d+$/.test(name)) {
      const element = node.elements[Number(name)];
      return element && !ts.isSpreadElement(element) ? this.leaves(element, def.env, depth + 1) : [];
    }
    return [];
  }

  /** `this.name` inside a class: field initialisers, constructor parameter properties, `this.name = …`. */
  private classMember(access: TS.Expression, name: string, depth: number): Def[] {
    const ts = tsApi();
    const cls = enclosingClass(access);
    if (!cls) return [];
    const out: Def[] = [];
    for (const member of cls.members) {
      if (propertyNameText(member.name) !== name) {
        if (ts.isConstructorDeclaration(member)) {
          for (const p of member.parameters) {
            if (ts.isIdentifier(p.name) && p.name.text === name && p.modifiers?.length) out.push({ kind: "param", node: p });
          }
        }
        continue;
      }
      if (ts.isPropertyDeclaration(member) && member.initializer) out.push(...this.leaves(member.initializer, undefined, depth + 1));
      if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) out.push({ kind: "function", node: member });
    }
    walk(cls, (node) => {
      if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const left = memberAccess(node.left);
      if (left && left.name === name && peel(left.object).kind === ts.SyntaxKind.ThisKeyword) {
        out.push(...this.leaves(node.right, undefined, depth + 1));
      }
    });
    return out;
  }

  /** `Class.name`: a static field's initialiser or a static method. */
  private staticMember(cls: TS.ClassLikeDeclaration, name: string, depth: number): Def[] {
    const ts = tsApi();
    const out: Def[] = [];
    for (const member of cls.members) {
      const isStatic = ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      if (!isStatic || propertyNameText(member.name) !== name) continue;
      if (ts.isPropertyDeclaration(member) && member.initializer) out.push(...this.leaves(member.initializer, undefined, depth + 1));
      if (ts.isMethodDeclaration(member)) out.push({ kind: "function", node: member });
    }
    return out;
  }

  /** Right-hand sides of `name = …` for a let/var declaration. */
  /** Right-hand sides of `name = …` for a let/var, and whether it is also changed in place (`+=`, `++`). */
  assignmentsOf(decl: TS.VariableDeclaration): { assigned: TS.Expression[]; modified: boolean } {
    let known = this.assignments.get(decl);
    if (!known) this.assignments.set(decl, (known = this.findAssignments(decl)));
    return known;
  }

  private findAssignments(decl: TS.VariableDeclaration): { assigned: TS.Expression[]; modified: boolean } {
    const ts = tsApi();
    const assigned: TS.Expression[] = [];
    let modified = false;
    if (!ts.isIdentifier(decl.name)) return { assigned, modified };
    const name = decl.name.text;
    const isOurs = (e: TS.Expression): boolean => ts.isIdentifier(e) && e.text === name && declarationOf(e) === decl;
    walk(scopeOf(decl), (node) => {
      if (ts.isBinaryExpression(node) && isOurs(node.left)) {
        const op = node.operatorToken.kind;
        if (op === ts.SyntaxKind.EqualsToken) assigned.push(node.right);
        else if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) modified = true;
      } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isOurs(node.operand)) {
        const op = node.operator;
        if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) modified = true;
      }
    });
    return { assigned, modified };
  }

  /** Right-hand sides of `variable.name = …` (a payload filled in after it was created). */
  propertyAssignmentsTo(decl: TS.VariableDeclaration, name: string): TS.Expression[] {
    return this.propertyAssignmentsOf(decl).get(name) ?? [];
  }

  /** Every `variable.prop = …` of one variable, by property, found in one walk of its scope. */
  private propertyAssignmentsOf(decl: TS.VariableDeclaration): Map<string, TS.Expression[]> {
    const ts = tsApi();
    let byName = this.propertyAssignments.get(decl);
    if (byName) return byName;
    byName = new Map();
    this.propertyAssignments.set(decl, byName);
    if (!ts.isIdentifier(decl.name)) return byName;
    const variable = decl.name.text;
    const found = byName;
    walk(scopeOf(decl), (node) => {
      if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const left = memberAccess(node.left);
      if (!left || !ts.isIdentifier(left.object) || left.object.text !== variable || declarationOf(left.object) !== decl) return;
      found.set(left.name, [...(found.get(left.name) ?? []), node.right]);
    });
    return byName;
  }

  // ---- modules -------------------------------------------------------------------------------------------

  private importedUnit(decl: TS.Node): CodeUnit | undefined {
    const spec = importSpecifierOf(decl);
    return spec ? this.unitForSpecifier(decl, spec) : undefined;
  }

  private unitForSpecifier(from: TS.Node, spec: string): CodeUnit | undefined {
    const fromUnit = this.workspace.unitOf(from);
    if (!fromUnit) return undefined;
    const target = this.workspace.resolveModule(fromUnit.source.absPath, spec);
    return target ? this.workspace.unitAt(target) : undefined;
  }

  /** What `require()` of a local file gives: a JSON document, `module.exports`, or the namespace. */
  moduleValue(unit: CodeUnit, depth = 0): Def[] {
    const json = jsonRoot(unit);
    if (json) return [{ kind: "expr", node: json }];
    const assigned = this.moduleExportsAssignments(unit).whole;
    if (assigned.length) return assigned.flatMap((e) => this.leaves(e, undefined, depth + 1));
    return [{ kind: "module", unit }];
  }

  /** The values a module exports under `name` ("default" for the default export). */
  exported(unit: CodeUnit, name: string, depth = 0): Def[] {
    this.step();
    if (depth > MAX_DEPTH) return [];
    let table = this.exportMemo.get(unit.sf);
    if (!table) this.exportMemo.set(unit.sf, (table = new Map()));
    const known = table.get(name);
    if (known) return known;
    table.set(name, []); // a module that re-exports itself, directly or round a cycle
    const out = distinct(this.exportedUncached(unit, name, depth));
    table.set(name, out);
    return out;
  }

  private exportedUncached(unit: CodeUnit, name: string, depth: number): Def[] {
    const ts = tsApi();
    const json = jsonRoot(unit);
    if (json) return name === "default" ? [{ kind: "expr", node: json }] : this.member({ kind: "expr", node: json }, name, depth + 1);
    const out: Def[] = [];
    const isExported = (st: TS.Statement): boolean =>
      !!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
    const isDefault = (st: TS.Statement): boolean =>
      !!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword));
    for (const st of unit.sf.statements) {
      if (ts.isExportAssignment(st) && name === "default") out.push(...this.leaves(st.expression, undefined, depth + 1));
      else if (ts.isVariableStatement(st) && isExported(st)) {
        for (const decl of st.declarationList.declarations) {
          if (ts.isIdentifier(decl.name) && decl.name.text === name) out.push(...this.ofDeclaration(decl, decl.name, undefined, depth + 1));
        }
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && isExported(st)) {
        if ((isDefault(st) && name === "default") || st.name?.text === name) {
          out.push(ts.isFunctionDeclaration(st) ? { kind: "function", node: st } : { kind: "class", node: st });
        }
      } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
        out.push(...this.reexported(unit, st, name, depth));
      }
    }
    if (out.length) return out;
    const cjs = this.moduleExportsAssignments(unit);
    for (const [prop, rhs] of cjs.named) if (prop === name) out.push(...this.leaves(rhs, undefined, depth + 1));
    if (out.length) return out;
    const whole = cjs.whole.flatMap((e) => this.leaves(e, undefined, depth + 1));
    if (name === "default") return whole.length ? whole : [{ kind: "module", unit }];
    return whole.flatMap((d) => this.member(d, name, depth + 1));
  }

  private reexported(unit: CodeUnit, st: TS.ExportDeclaration, name: string, depth: number): Def[] {
    const ts = tsApi();
    const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
    const target = spec ? this.unitForSpecifier(st, spec) : undefined;
    if (!st.exportClause) return target ? this.exported(target, name, depth + 1) : [];
    if (!ts.isNamedExports(st.exportClause)) return [];
    const out: Def[] = [];
    for (const el of st.exportClause.elements) {
      if (el.name.text !== name) continue;
      const local = (el.propertyName ?? el.name).text;
      if (target) out.push(...this.exported(target, local, depth + 1));
      else if (!spec) {
        const id = ts.factory.createIdentifier(local);
        // Look the local name up as if it were written at the top of the module.
        (id as { parent?: TS.Node }).parent = unit.sf;
        const decl = declarationOf(id);
        if (decl) out.push(...this.ofDeclaration(decl, id, undefined, depth + 1));
      }
    }
    return out;
  }

  /** `module.exports = X` (whole) and `module.exports.a = X` / `exports.a = X` (named) at the top of a file. */
  private moduleExportsAssignments(unit: CodeUnit): { whole: TS.Expression[]; named: [string, TS.Expression][] } {
    const ts = tsApi();
    const whole: TS.Expression[] = [];
    const named: [string, TS.Expression][] = [];
    for (const st of unit.sf.statements) {
      if (!ts.isExpressionStatement(st)) continue;
      const e = st.expression;
      if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = peel(e.left);
      const text = target.getText(unit.sf);
      if (text === "module.exports") whole.push(e.right);
      const access = memberAccess(target);
      if (access) {
        const base = peel(access.object).getText(unit.sf);
        if (base === "module.exports" || base === "exports") named.push([access.name, e.right]);
      }
    }
    return { whole, named };
  }

  // ---- data files read at run time ------------------------------------------------------------------------

  /** `JSON.parse(readFileSync(p))`: the JSON document at p, when p can be worked out. */
  private parsedDataFile(call: TS.CallExpression, env: Env | undefined, depth: number): Def[] | undefined {
    const ts = tsApi();
    if (qualifiedName(call.expression) !== "JSON.parse" || !call.arguments[0]) return undefined;
    const read = peel(call.arguments[0]);
    if (!ts.isCallExpression(read)) return undefined;
    const reader = qualifiedName(read.expression);
    if (!reader || !/^fs(\/promises)?\.(readFileSync|readFile|promises\.readFile)$/.test(reader) || !read.arguments[0]) return undefined;
    const unit = this.workspace.unitOf(call);
    if (!unit) return undefined;
    const file = this.dataFilePath(read.arguments[0], unit, env, depth);
    const data = file ? this.workspace.unitAt(file) : undefined;
    const root = data && jsonRoot(data);
    return root ? [{ kind: "expr", node: root }] : undefined;
  }

  private dataFilePath(arg: TS.Expression, unit: CodeUnit, env: Env | undefined, depth: number): string | undefined {
    const ts = tsApi();
    const here = unit.source.absPath;
    for (const def of this.leaves(arg, env, depth + 1)) {
      if (def.kind !== "expr") continue;
      const node = def.node;
      const literal = stringLiteralText(node);
      if (literal) return this.workspace.resolveDataFile(here, literal);
      if (ts.isNewExpression(node) && qualifiedName(node.expression) === "URL") {
        const rel = stringLiteralText(node.arguments?.[0]);
        const base = node.arguments?.[1]?.getText(unit.sf);
        if (rel && base === "import.meta.url") return this.workspace.resolveDataFile(here, rel);
      }
      if (ts.isCallExpression(node) && /^path\.(posix\.)?(join|resolve)$/.test(qualifiedName(node.expression) ?? "")) {
        const parts = node.arguments.map((a) => (a.getText(unit.sf) === "__dirname" ? path.dirname(here) : stringLiteralText(a)));
        if (parts.every((p): p is string => p !== undefined)) return this.workspace.resolveDataFile(here, path.join(...parts));
      }
    }
    return undefined;
  }

  // ---- constant values ------------------------------------------------------------------------------------

  /** Every value `expr` can have, as far as it is written in the code. */
  evaluate(expr: TS.Expression, env?: Env, depth = 0): Value[] {
    return this.valueMemo.get(peel(expr), env, [], () => {
      const out: Value[] = [];
      for (const def of this.leaves(expr, env, depth)) {
        out.push(...this.evaluateDef(def, depth + 1));
        if (out.length >= MAX_ALTERNATIVES) break;
      }
      return out.slice(0, MAX_ALTERNATIVES);
    });
  }

  private evaluateDef(def: Def, depth: number): Value[] {
    const ts = tsApi();
    if (def.kind !== "expr" || depth > MAX_DEPTH) return [{ kind: "unknown", def }];
    const node = def.node;
    if (ts.isStringLiteralLike(node)) return [{ kind: "text", parts: [node.text], def }];
    if (ts.isNumericLiteral(node)) return [{ kind: "number", value: Number(node.text), def }];
    const env = envVariableName(node);
    if (env) return [{ kind: "text", parts: [{ env, fallback: [], def }], def }];
    if (ts.isTemplateExpression(node)) {
      let acc: (string | Hole)[][] = [[node.head.text]];
      for (const span of node.templateSpans) {
        const values = this.evaluate(span.expression, def.env, depth + 1);
        acc = combine(acc, values.map(partsOf), span.literal.text).map((parts) => capped(parts, def));
        // Once every alternative is cut, the remaining spans cannot change what is known.
        if (acc.every((parts) => wasCut(parts, def))) break;
      }
      return acc.map((parts) => ({ kind: "text" as const, parts, def }));
    }
    if (ts.isCallExpression(node) && /^path\.(posix\.)?join$/.test(qualifiedName(node.expression) ?? "")) {
      // path.posix.join(base, "token/authenticate"): the parts joined by "/".
      let acc: (string | Hole)[][] = [[]];
      node.arguments.forEach((arg, i) => {
        acc = combine(acc, this.evaluate(arg, def.env, depth + 1).map(partsOf), "");
        if (i < node.arguments.length - 1) acc = acc.map((parts) => [...parts, "/"]);
      });
      return acc.map((parts) => ({ kind: "text" as const, parts: capped(parts, def), def }));
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        const left = this.evaluate(node.left, def.env, depth + 1);
        const right = this.evaluate(node.right, def.env, depth + 1);
        if (left.every((v) => v.kind === "number") && right.every((v) => v.kind === "number")) {
          return left.flatMap((l) => right.map((r) => ({ kind: "number" as const, value: (l as { value: number }).value + (r as { value: number }).value, def })));
        }
        return combine(left.map(partsOf), right.map(partsOf), "").map((parts) => ({ kind: "text" as const, parts: capped(parts, def), def }));
      }
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        const left = this.evaluate(node.left, def.env, depth + 1);
        const right = this.evaluate(node.right, def.env, depth + 1);
        // `process.env.X ?? "v2"`: the variable, with the value used when it is unset.
        const single = left.length === 1 && left[0].kind === "text" && left[0].parts.length === 1 ? left[0].parts[0] : undefined;
        if (single && typeof single !== "string" && "env" in single) {
          return [{ kind: "text", parts: [{ env: single.env, fallback: [...single.fallback, ...right], def }], def }];
        }
        return [...left, ...right];
      }
    }
    return [{ kind: "unknown", def }];
  }
}

/** `""`, `0`, `null`, `undefined`, `[]`, `{}`: what a variable is set to before its real value. */
function isPlaceholderLiteral(expr: TS.Expression): boolean {
  const ts = tsApi();
  const e = peel(expr);
  if (ts.isStringLiteralLike(e)) return e.text.length === 0;
  if (ts.isNumericLiteral(e)) return Number(e.text) === 0;
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined")) return true;
  if (ts.isArrayLiteralExpression(e)) return e.elements.length === 0;
  return ts.isObjectLiteralExpression(e) && e.properties.length === 0;
}

/** The same definitions once each, at most MAX_LEAVES of them. */
function distinct(defs: Def[]): Def[] {
  const seen = new Map<TS.Node, Set<Env | undefined>>();
  const out: Def[] = [];
  for (const def of defs) {
    const node = defNode(def);
    const env = "env" in def ? def.env : undefined;
    const envs = seen.get(node) ?? new Set<Env | undefined>();
    if (envs.has(env)) continue;
    envs.add(env);
    seen.set(node, envs);
    out.push(def);
    if (out.length >= MAX_LEAVES) break;
  }
  return out;
}

const MAX_PARTS = 64;
const MAX_TEXT = 4096;

/**
 * A text value cut to MAX_PARTS parts and MAX_TEXT characters, the rest an unknown part: texts that double at
 * every step (`t1 = \`${t0}${t0}\``) would otherwise grow exponentially. URLs and payload JSON fit easily.
 */
function capped(parts: (string | Hole)[], def: Def): (string | Hole)[] {
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    length += typeof part === "string" ? part.length : 1;
    if (i >= MAX_PARTS || length > MAX_TEXT) return [...parts.slice(0, i), { unknown: def }];
  }
  return parts;
}

function wasCut(parts: (string | Hole)[], def: Def): boolean {
  const last = parts[parts.length - 1];
  return typeof last === "object" && "unknown" in last && last.unknown === def;
}

function partsOf(value: Value): (string | Hole)[] {
  if (value.kind === "text") return value.parts;
  if (value.kind === "number") return [String(value.value)];
  return [{ unknown: value.def }];
}

function combine(left: (string | Hole)[][], right: (string | Hole)[][], suffix: string): (string | Hole)[][] {
  const out: (string | Hole)[][] = [];
  for (const l of left) {
    for (const r of right.length ? right : [[]]) {
      out.push([...l, ...r, ...(suffix ? [suffix] : [])]);
      if (out.length >= MAX_ALTERNATIVES) return out;
    }
  }
  return out;
}

/** The top-level value of a JSON file parsed as a TypeScript JSON source. */
export function jsonRoot(unit: CodeUnit): TS.Expression | undefined {
  const ts = tsApi();
  if (!unit.source.absPath.toLowerCase().endsWith(".json")) return undefined;
  const st = unit.sf.statements[0];
  return st && ts.isExpressionStatement(st) ? st.expression : undefined;
}
