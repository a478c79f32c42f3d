// class-validator: a decorated class describes tokenInfo; it rejects undeclared keys only when validated with
// both `whitelist: true` and `forbidNonWhitelisted: true`, so that options object is where the rejection is
// declared. A decorated property without @IsOptional() is required.
import type { ts as TS } from "ts-morph";
import { tsApi } from "../../parse/typescript.js";
import { propertyNameText, walk } from "../ast.js";
import { spanOfNode } from "../spans.js";
import { isTokenInfoShaped, NEW_TOKEN_FIELDS } from "../token-response.js";
import type { Resolver } from "../values.js";
import type { CodeUnit } from "../workspace.js";
import type { TokenValidatorFault } from "./model.js";
import { hasTrueOption } from "./object-schemas.js";

export function classValidatorFaults(resolver: Resolver, unit: CodeUnit): TokenValidatorFault[] {
  const ts = tsApi();
  const classes: { keys: Map<string, TS.PropertyDeclaration> }[] = [];
  let forbidding: TS.ObjectLiteralExpression | undefined;
  walk(unit.sf, (node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const keys = new Map<string, TS.PropertyDeclaration>();
      for (const member of node.members) {
        const name = ts.isPropertyDeclaration(member) ? propertyNameText(member.name) : undefined;
        if (name && ts.isPropertyDeclaration(member) && decoratorNames(member).length) keys.set(name, member);
      }
      if (isTokenInfoShaped(keys.keys())) classes.push({ keys });
    } else if (ts.isObjectLiteralExpression(node) && hasTrueOption(node, ["whitelist"]) && hasTrueOption(node, ["forbidNonWhitelisted"])) {
      forbidding ??= node;
    }
  });
  const faults: TokenValidatorFault[] = [];
  for (const { keys } of classes) {
    if (forbidding && !keys.has("refreshToken")) {
      const span = spanOfNode(resolver.workspace, forbidding);
      if (span) faults.push({ kind: "rejects-unknown", span, construct: "class-validator `whitelist` with `forbidNonWhitelisted`", rejected: NEW_TOKEN_FIELDS.filter((f) => !keys.has(f)) });
    }
    const refreshToken = keys.get("refreshToken");
    if (refreshToken && !decoratorNames(refreshToken).includes("IsOptional") && !refreshToken.questionToken) {
      const span = spanOfNode(resolver.workspace, refreshToken);
      if (span) faults.push({ kind: "requires-refresh-token", span, construct: "the class-validator class (no `@IsOptional()`)" });
    }
  }
  return faults;
}

function decoratorNames(member: TS.PropertyDeclaration): string[] {
  const ts = tsApi();
  const out: string[] = [];
  for (const modifier of member.modifiers ?? []) {
    if (!ts.isDecorator(modifier)) continue;
    const e = modifier.expression;
    const callee = ts.isCallExpression(e) ? e.expression : e;
    if (ts.isIdentifier(callee)) out.push(callee.text);
    else if (ts.isPropertyAccessExpression(callee)) out.push(callee.name.text);
  }
  return out;
}
