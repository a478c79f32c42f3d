// Turning compiler nodes into spans of the files they came from.
import type { ts as TS } from "ts-morph";
import type { Span } from "../source.js";
import type { Workspace } from "./workspace.js";

export function spanOfNode(workspace: Workspace, node: TS.Node): Span | undefined {
  const unit = workspace.unitOf(node);
  if (!unit) return undefined;
  return { source: unit.source, start: node.getStart(unit.sf), end: node.end };
}
