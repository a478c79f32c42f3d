// What a rule is: metadata and docs beside a check that returns reports. Rules never print, never read files
// and never walk syntax: they ask the analyses (through the context) and describe what is wrong.
import type { Severity } from "./types.js";
import type { Span } from "./source.js";
import type { Analyses } from "./analysis/index.js";
import type { Payload } from "./analysis/payloads.js";
import type { StoredVariable } from "./analysis/postman.js";
import type { TokenValidatorFault } from "./analysis/validators/model.js";

export type FixAvailability = "always" | "sometimes" | "never";

export interface RuleDocs {
  whatItFinds: string;
  whyItBreaksNow: string;
  example: string;
  fixedExample: string;
}

export interface RuleMeta {
  id: string;
  summary: string;
  severity: Severity;
  fix: FixAvailability;
  /**
   * The words a file must contain for the rule to have anything to say, as groups that must all match, each
   * group satisfied by any of its words (case-insensitive). A word written "^word" must start a word (not
   * follow a letter, digit or _). The first pass parses no file that no rule needs. Put the rarest group
   * first: one scan for every rule's first group decides which files are looked at further.
   */
  needs: string[][];
  /** Message templates by id; `{{name}}` is filled from the report's data. */
  messages: Record<string, string>;
  docs: RuleDocs;
}

/** A change to the file a finding is in, as spans of its text and their replacements. */
export interface FixSpec {
  description: string;
  edits: { span: Span; text: string }[];
}

export interface RuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's default severity for this report (a warning for a legacy branch, info when unverified). */
  severity?: Severity;
  span: Span;
  related?: { span: Span; message: string }[];
  /** A safe fix: only the migration, nothing else changes. */
  fix?: FixSpec;
  /** Changes that alter behaviour beyond the migration, best first. */
  suggestions?: FixSpec[];
}

export interface RuleContext {
  /** The certificate-auth payloads sent from the file being checked. */
  payloads: readonly Payload[];
  /** Literal values stored for request variables (Postman environment files) in this file. */
  storedVariables: readonly StoredVariable[];
  /** Where validators of the token response in this file (code or schema) reject the response as it is now. */
  validatorFaults: readonly TokenValidatorFault[];
  analysis: Analyses;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): RuleReport[];
}

/**
 * Words of a file that may hold part of a certificate login: the payload fields, or the request that sends a
 * payload built elsewhere. (`encodedData` also matches encodedSignedData and Postman's {{EncodedData}}.)
 */
export const CERTIFICATE_LOGIN_WORDS = ["encodedData", "token/authenticate", "CACertificate"];
