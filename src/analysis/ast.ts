// One place for the syntax questions every analysis asks, so no rule or analysis walks parents or resolves
// identifiers by itself. Everything here works on TypeScript compiler nodes, without a type checker.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../parse/typescript.js";

type Node = TS.Node;

/** Strips parentheses, type assertions, `!`, `satisfies` and `await`, which never change a value's bytes. */
export function peel(expr: TS.Expression): TS.Expression {
  const ts = tsApi();
  for (;;) {
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isTypeAssertionExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isSatisfiesExpression(expr) ||
      ts.isAwaitExpression(expr)
    ) {
      expr = expr.expression;
    } else {
      return expr;
    }
  }
}

/** The static text of a property name, string literal key or computed string key. */
export function propertyNameText(name: TS.PropertyName | TS.BindingName | undefined): string | undefined {
  const ts = tsApi();
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const inner = peel(name.expression);
    if (ts.isStringLiteralLike(inner)) return inner.text;
  }
  return undefined;
}

/** `a.b` or `a["b"]`: the object and the member name, when the name is static. */
export function memberAccess(expr: TS.Expression): { object: TS.Expression; name: string } | undefined {
  const ts = tsApi();
  if (ts.isPropertyAccessExpression(expr)) return { object: expr.expression, name: expr.name.text };
  if (ts.isElementAccessExpression(expr)) {
    const arg = peel(expr.argumentExpression);
    if (ts.isStringLiteralLike(arg)) return { object: expr.expression, name: arg.text };
  }
  return undefined;
}

export function stringLiteralText(expr: TS.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const ts = tsApi();
  const e = peel(expr);
  return ts.isStringLiteralLike(e) ? e.text : undefined;
}

function bindingNameDeclares(name: TS.BindingName, wanted: string): Node | undefined {
  const ts = tsApi();
  if (ts.isIdentifier(name)) return name.text === wanted ? name : undefined;
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const hit = bindingNameDeclares(element.name, wanted);
    if (hit) return hit;
  }
  return undefined;
}

/** A name in a binding pattern is declared by its parent (VariableDeclaration, BindingElement or Parameter). */
function declarationByNameNode(nameNode: Node): Node {
  return nameNode.parent;
}

function declaredInStatements(statements: readonly TS.Statement[], name: string): Node | undefined {
  const ts = tsApi();
  for (const st of statements) {
    if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        const hit = bindingNameDeclares(decl.name, name);
        if (hit) return declarationByNameNode(hit);
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name?.text === name) {
      return st;
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const spec of bindings.elements) if (spec.name.text === name) return spec;
      }
    } else if (ts.isImportEqualsDeclaration(st) && st.name.text === name) {
      return st;
    }
  }
  return undefined;
}

function declaredInScope(scope: Node, name: string): Node | undefined {
  const ts = tsApi();
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    return declaredInStatements(scope.statements, name);
  }
  if (ts.isFunctionLike(scope)) {
    for (const p of scope.parameters) {
      const hit = bindingNameDeclares(p.name, name);
      if (hit) return declarationByNameNode(hit);
    }
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return scope;
  }
  if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    for (const decl of scope.initializer.declarations) {
      const hit = bindingNameDeclares(decl.name, name);
      if (hit) return declarationByNameNode(hit);
    }
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    const hit = bindingNameDeclares(scope.variableDeclaration.name, name);
    if (hit) return declarationByNameNode(hit);
  }
  return undefined;
}

const declarations = new WeakMap<TS.Identifier, Node | null>();

/** Lexical lookup of the declaration an identifier refers to; undefined for globals. Remembered per name. */
export function declarationOf(id: TS.Identifier): Node | undefined {
  const known = declarations.get(id);
  if (known !== undefined) return known ?? undefined;
  let found: Node | undefined;
  for (let scope: Node | undefined = id.parent; scope && !found; scope = scope.parent) found = declaredInScope(scope, id.text);
  declarations.set(id, found ?? null);
  return found;
}

/** The node whose body holds the declaration's scope: where its assignments and uses can be. */
export function scopeOf(decl: Node): Node {
  const ts = tsApi();
  for (let n: Node | undefined = decl.parent; n; n = n.parent) {
    if (ts.isSourceFile(n) || ts.isBlock(n) || ts.isFunctionLike(n) || ts.isModuleBlock(n)) return n;
  }
  return decl.getSourceFile();
}

/**
 * Calls `visit` on every node below `root`, in source order (compiler-node walk: cheap, no wrappers). It keeps
 * its own stack, so the 3000-deep comma chains of minified bundles do not overflow the call stack.
 */
export function walk(root: Node, visit: (node: Node) => void): void {
  const ts = tsApi();
  const pending: Node[] = [];
  const pushChildren = (node: Node): void => {
    const children: Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  };
  pushChildren(root);
  while (pending.length) {
    const node = pending.pop()!;
    visit(node);
    pushChildren(node);
  }
}

const references = new WeakMap<Node, TS.Identifier[]>();

/** Identifiers in the declaration's scope that refer to it (not counting the declaration itself). */
export function referencesTo(decl: Node): TS.Identifier[] {
  let found = references.get(decl);
  if (!found) references.set(decl, (found = findReferences(decl, scopeOf(decl))));
  return found;
}

function findReferences(decl: Node, root: Node): TS.Identifier[] {
  const ts = tsApi();
  const name = declaredName(decl);
  if (!name) return [];
  const out: TS.Identifier[] = [];
  walk(root, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name) return;
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) return;
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return;
    if (declarationOf(node) === decl && node !== nameNodeOf(decl)) out.push(node);
  });
  return out;
}

function nameNodeOf(decl: Node): Node | undefined {
  const ts = tsApi();
  if (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) || ts.isParameter(decl)) return decl.name;
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return decl.name;
  if (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportClause(decl)) return decl.name;
  return undefined;
}

export function declaredName(decl: Node): string | undefined {
  const ts = tsApi();
  const name = nameNodeOf(decl);
  return name && ts.isIdentifier(name) ? name.text : undefined;
}

/** Packages known by the global their browser builds define, so imported and global uses read the same. */
const GLOBAL_NAMES = new Map([
  ["node-forge", "forge"],
  ["crypto-js", "CryptoJS"],
]);

/** Bare module specifier → its canonical name (`node:crypto` → `crypto`, `node-forge` → `forge`). */
export function moduleName(spec: string): string {
  const name = spec.startsWith("node:") ? spec.slice(5) : spec;
  return GLOBAL_NAMES.get(name) ?? name;
}

/** `require("spec")`: the specifier, or undefined for any other node. */
export function requiredSpecifier(node: Node): string | undefined {
  const ts = tsApi();
  const isRequire =
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "require" &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0]);
  return isRequire ? ((node as TS.CallExpression).arguments[0] as TS.StringLiteral).text : undefined;
}

export function importSpecifierOf(decl: Node): string | undefined {
  const ts = tsApi();
  let n: Node | undefined = decl;
  while (n && !ts.isImportDeclaration(n)) n = n.parent;
  return n && ts.isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : undefined;
}

function isBareModule(spec: string): boolean {
  return !spec.startsWith(".") && !spec.startsWith("/");
}

const GLOBAL_PREFIXES = ["globalThis.", "window.", "global.", "self."];

/**
 * The dotted name an expression stands for when it comes from a package or a global: `randomBytes` imported
 * from "node:crypto" is `crypto.randomBytes`, `require("axios").post` is `axios.post`, `Buffer.concat` is
 * itself. Local values have no qualified name.
 */
export function qualifiedName(expr: TS.Expression, depth = 0): string | undefined {
  const ts = tsApi();
  if (depth > 8) return undefined;
  const e = peel(expr);
  let name: string | undefined;
  if (ts.isIdentifier(e)) {
    const decl = declarationOf(e);
    name = decl ? qualifiedNameOfDeclaration(decl, depth) : e.text;
  } else if (ts.isCallExpression(e) && instanceFactoryOf(e, depth)) {
    name = instanceFactoryOf(e, depth);
  } else if (requiredSpecifier(e) !== undefined) {
    const spec = requiredSpecifier(e)!;
    name = isBareModule(spec) ? moduleName(spec) : undefined;
  } else {
    const access = memberAccess(e);
    if (access) {
      const base = qualifiedName(access.object, depth + 1);
      name = base ? `${base}.${access.name}` : undefined;
    }
  }
  if (!name) return undefined;
  for (const prefix of GLOBAL_PREFIXES) if (name.startsWith(prefix)) return name.slice(prefix.length);
  return name;
}

/**
 * `qualifiedName`, for a name that can only be one of these: a member access's qualified name ends in its own
 * name, so one named otherwise is passed over without resolving its object, the costly part on a file with
 * thousands of calls. A plain identifier may be an imported alias, so it is always resolved.
 */
export function qualifiedNameEndingIn(expr: TS.Expression, lastNames: ReadonlySet<string>): string | undefined {
  const access = memberAccess(peel(expr));
  return !access || lastNames.has(access.name) ? qualifiedName(expr) : undefined;
}

/** Clients whose factories make instances that work like the library itself (HTTP clients, Joi). */
const INSTANCE_FACTORIES = new Map([
  ["axios", ["create"]],
  ["got", ["extend"]],
  ["ky", ["create", "extend"]],
  ["joi", ["defaults", "extend"]],
]);

/** `axios.create(…)`, `got.extend(…)`: the client an instance call makes. */
function instanceFactoryOf(call: TS.CallExpression, depth: number): string | undefined {
  const access = memberAccess(call.expression);
  if (!access) return undefined;
  const base = qualifiedName(access.object, depth + 1);
  return base && INSTANCE_FACTORIES.get(base)?.includes(access.name) ? base : undefined;
}

function qualifiedNameOfDeclaration(decl: Node, depth: number): string | undefined {
  const ts = tsApi();
  if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) {
    const spec = importSpecifierOf(decl);
    if (!spec || !isBareModule(spec)) return undefined;
    const mod = moduleName(spec);
    if (ts.isImportSpecifier(decl)) {
      const imported = (decl.propertyName ?? decl.name).text;
      return imported === "default" ? mod : `${mod}.${imported}`;
    }
    return mod;
  }
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) && isBareModule(ref.expression.text)) {
      return moduleName(ref.expression.text);
    }
    return undefined;
  }
  if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
    return qualifiedName(decl.initializer, depth + 1);
  }
  if (ts.isBindingElement(decl)) {
    const path = bindingPath(decl);
    if (!path) return undefined;
    const base = qualifiedName(path.root, depth + 1);
    return base && path.keys.every((k) => typeof k === "string") ? [base, ...path.keys].join(".") : undefined;
  }
  return undefined;
}

export function isConstDeclaration(decl: TS.VariableDeclaration): boolean {
  const ts = tsApi();
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/**
 * For a destructured name, the expression destructured and the keys leading to the name:
 * `const { a: { b } } = init` gives init and ["a", "b"]; array patterns give numeric indexes.
 */
export function bindingPath(element: TS.BindingElement): { root: TS.Expression; keys: (string | number)[]; rootDecl: Node } | undefined {
  const ts = tsApi();
  const keys: (string | number)[] = [];
  let node: Node = element;
  while (ts.isBindingElement(node)) {
    const pattern: Node = node.parent;
    if (ts.isObjectBindingPattern(pattern)) {
      const key = propertyNameText(node.propertyName ?? node.name);
      if (key === undefined || node.dotDotDotToken) return undefined;
      keys.unshift(key);
    } else if (ts.isArrayBindingPattern(pattern)) {
      if (node.dotDotDotToken) return undefined;
      keys.unshift(pattern.elements.indexOf(node as TS.BindingElement));
    } else {
      return undefined;
    }
    node = pattern.parent;
  }
  if (ts.isVariableDeclaration(node) && node.initializer) return { root: node.initializer, keys, rootDecl: node };
  if (ts.isParameter(node)) return { root: node.name as unknown as TS.Expression, keys, rootDecl: node };
  return undefined;
}

/** Every `return` expression of a function, or its expression body. */
export function returnedExpressions(fn: TS.SignatureDeclaration): TS.Expression[] {
  const ts = tsApi();
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: TS.Expression[] = [];
  const visit = (node: Node): void => {
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    if (ts.isFunctionLike(node)) return; // nested functions return for themselves
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

export function enclosingClass(node: Node): TS.ClassLikeDeclaration | undefined {
  const ts = tsApi();
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
  }
  return undefined;
}

export function enclosingFunction(node: Node): TS.SignatureDeclaration | undefined {
  const ts = tsApi();
  for (let n: Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** Property `name` of an object literal (last one wins, as at run time). */
export function objectProperty(obj: TS.ObjectLiteralExpression, name: string): TS.ObjectLiteralElementLike | undefined {
  let found: TS.ObjectLiteralElementLike | undefined;
  for (const prop of obj.properties) if (propertyNameText(prop.name) === name) found = prop;
  return found;
}

/** The string argument of a call, at `index`, if it is a literal. */
export function literalArgument(call: TS.CallExpression | TS.NewExpression, index: number): string | undefined {
  return stringLiteralText(call.arguments?.[index]);
}
