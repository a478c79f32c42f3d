// Rule messages by id, filled from report data, with anything secret-looking redacted.
import { redact } from "./redact.js";
import type { Rule } from "./rule.js";

export function formatMessage(rule: Rule, messageId: string, data: Record<string, string | number> = {}): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${messageId}"`);
  return redact(template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole)));
}
