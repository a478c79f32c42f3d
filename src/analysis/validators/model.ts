// What the validator analyses tell the rules: places where a validator of the token response rejects the
// response as documented since June 2026. Code validators of every library and schema files are reduced to
// the same few facts, so the two rules judge them alike.
import type { Span } from "../../source.js";
import type { FixSpec } from "../../rule.js";

/** What can be done about a fault: a safe fix (the migration only) and changes beyond it. */
interface Remedies {
  fix?: FixSpec;
  suggestions?: FixSpec[];
}

/** A validator of tokenInfo (or of the response around it) that rejects keys it does not declare. */
export interface RejectsUnknownKeys extends Remedies {
  kind: "rejects-unknown";
  /** Where the rejection is declared: `.strict()`, `Joi.object(`, `additionalProperties` … */
  span: Span;
  /** How the rejection is written, for the message: "`.strict()` (zod)", "`additionalProperties: false`". */
  construct: string;
  /** The new fields the validator does not declare, so rejects: refreshToken, and refreshTokenId if missing too. */
  rejected: string[];
  /** The rejecting keyword sits in one branch of an allOf, which rejects what the other branches declare. */
  allOfTrap?: boolean;
  /** The rejection is a key count (`maxProperties`) too small for the new tokenInfo. */
  maxProperties?: number;
}

/** A validator that fails when refreshToken is absent (it is optional in the response). */
export interface RequiresRefreshToken extends Remedies {
  kind: "requires-refresh-token";
  span: Span;
  construct: string;
  /** A TypeScript type, which checks nothing at run time but promises a field that may be missing. */
  typeOnly?: boolean;
}

export type TokenValidatorFault = RejectsUnknownKeys | RequiresRefreshToken;

/** Lists names as prose: "a", "a and b". */
export function listed(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
