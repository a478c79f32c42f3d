// Fixes for code validators of the token response, in each library's own words. The safe fix declares the
// new fields as optional (the schema stays as strict as it was about everything else); the suggestion stops
// rejecting unknown keys, as Anaplan advises for its responses. Where the library is imported by name
// (`import { object, string } from "superstruct"`) the field cannot be written without new imports, so no fix.
import type { ts as TS } from "ts-morph";
import type { FixSpec } from "../../rule.js";
import { addObjectProperties, insertAt, quoted, quoteOf, replaceNode } from "../../fix/code-edits.js";
import { tsApi } from "../../parse/typescript.js";
import { peel } from "../ast.js";
import type { Workspace } from "../workspace.js";
import { chainOf } from "./chains.js";
import type { DeclaredKey, ObjectSchema } from "./object-schemas.js";

/** An optional string field in the schema's library, as code. */
function optionalString(schema: ObjectSchema): string | undefined {
  const ns = schema.namespace;
  if (!ns) return undefined;
  switch (schema.library) {
    case "zod":
    case "joi":
    case "yup":
      return `${ns}.string().optional()`;
    case "valibot":
      return `${ns}.optional(${ns}.string())`;
    case "typebox":
      return `${ns}.Optional(${ns}.String())`;
    case "effect":
      return `${ns}.optional(${ns}.String)`;
    default:
      return undefined;
  }
}

/** The fix for a strict tokenInfo schema: declare the missing new fields, optional. */
export function declareNewFields(workspace: Workspace, schema: ObjectSchema, missing: string[]): FixSpec | undefined {
  const object = schema.keysObject;
  if (!object || !missing.length) return undefined;
  const entries =
    schema.library === "arktype"
      ? missing.map((name) => ({ name: `${name}?`, code: quoted("string", quoteOf(object)) }))
      : missing.map((name) => ({ name, code: optionalString(schema) ?? "" }));
  if (entries.some((e) => !e.code)) return undefined;
  const edit = addObjectProperties(workspace, object, entries);
  return edit && { description: `Declare ${missing.join(" and ")} as optional fields of tokenInfo`, edits: [edit] };
}

/** The suggestion for a strict schema: let it accept unknown keys. */
export function acceptUnknownKeys(workspace: Workspace, schema: ObjectSchema, policyNode: TS.Node): FixSpec | undefined {
  const ts = tsApi();
  const description = "Accept unknown keys in tokenInfo, as Anaplan advises for its responses";
  switch (schema.library) {
    case "zod":
      // `.strict()` → `.passthrough()`; `z.strictObject` → `z.looseObject` (zod 4).
      if (ts.isIdentifier(policyNode) && policyNode.text === "strict") return one(replaceNode(workspace, policyNode, "passthrough"), description);
      if (ts.isPropertyAccessExpression(policyNode) && policyNode.name.text === "strictObject") return one(replaceNode(workspace, policyNode.name, "looseObject"), description);
      return undefined;
    case "joi":
      return one(insertAt(workspace, schema.node, "after", ".unknown(true)"), description);
    case "valibot":
      if (ts.isPropertyAccessExpression(policyNode) && policyNode.name.text === "strictObject") return one(replaceNode(workspace, policyNode.name, "looseObject"), description);
      return undefined;
    case "typebox":
      if (ts.isPropertyAssignment(policyNode)) return one(replaceNode(workspace, policyNode.initializer, "true"), description);
      return undefined;
    default:
      return undefined;
  }
}

/** The fix for a required refreshToken: make that one field optional. */
export function makeOptional(workspace: Workspace, schema: ObjectSchema, key: DeclaredKey): FixSpec | undefined {
  const value = key.value && peel(key.value);
  if (!value) return undefined;
  const description = "Make refreshToken optional";
  const { modifiers } = chainOf(value);
  const required = [...modifiers].reverse().find((m) => m.name === "required" || m.name === "defined" || m.name === "exist");
  switch (schema.library) {
    case "zod":
    case "joi":
    case "yup":
      // `.required()` becomes `.optional()`; a zod field without it gains `.optional()`.
      if (required && required.call.arguments.length === 0) return one(replaceNode(workspace, required.nameNode, "optional"), description);
      if (required) return undefined;
      return one(insertAt(workspace, value, "after", ".optional()"), description);
    case "valibot":
    case "typebox":
    case "effect": {
      const ns = schema.namespace;
      if (!ns) return undefined;
      const wrapper = schema.library === "typebox" ? "Optional" : "optional";
      const text = value.getText();
      return one(replaceNode(workspace, value, `${ns}.${wrapper}(${text})`), description);
    }
    default:
      return undefined;
  }
}

function one(edit: { span: FixSpec["edits"][number]["span"]; text: string } | undefined, description: string): FixSpec | undefined {
  return edit && { description, edits: [edit] };
}
