// The rule registry: every rule the tool knows, in the order --list-rules and the README show them.
import type { Rule } from "../src/rule.js";
import { encodedDataFormat } from "./encoded-data-format.js";
import { encodedDataTimestamp } from "./encoded-data-timestamp.js";
import { signatureDataMismatch } from "./signature-data-mismatch.js";
import { staticEncodedData } from "./static-encoded-data.js";
import { strictTokenResponse } from "./strict-token-response.js";
import { requiredRefreshToken } from "./required-refresh-token.js";

export const rules: readonly Rule[] = [encodedDataFormat, encodedDataTimestamp, signatureDataMismatch, staticEncodedData, strictTokenResponse, requiredRefreshToken];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
