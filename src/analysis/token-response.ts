// The token response of POST /token/authenticate, before and after 19 June 2026, and how to tell that a
// validator describes it. Schema files and code validators are judged against the same documented payloads.

/** Fields of tokenInfo that identify it by shape (any two). */
export const TOKEN_INFO_FIELDS = ["tokenId", "tokenValue", "expiresAt", "refreshTokenId"] as const;
/** Fields a tokenInfo validator must accept since the change; both optional in the response. */
export const NEW_TOKEN_FIELDS = ["refreshToken", "refreshTokenId"] as const;
const ENVELOPE_FIELDS = ["status", "statusMessage", "meta"];

/** tokenInfo as it was documented before: what a validator accepted until June 2026. */
export const OLD_TOKEN_INFO = Object.freeze({
  expiresAt: 1754089739887,
  tokenId: "9e4daefeb4-6df27-11f0-9013-1dacef4",
  tokenValue: "encoded auth token",
  refreshTokenId: "9e4efadaeb5-6f27-11f0-9013-f6c35678",
});
/** tokenInfo as the notice shows it now. */
export const NEW_TOKEN_INFO = Object.freeze({ ...OLD_TOKEN_INFO, refreshToken: "encoded refresh token" });

export function responseWith(tokenInfo: object): object {
  return {
    meta: { validationUrl: "https://auth.anaplan.com/token/validate" },
    status: "SUCCESS",
    statusMessage: "Login successful",
    tokenInfo,
  };
}

const KNOWN_TOKEN_INFO_KEYS: readonly string[] = [...TOKEN_INFO_FIELDS, "refreshToken"];

/**
 * A set of declared keys that describes tokenInfo: two of its fields, and either `tokenValue` (Anaplan's own
 * name) or no key tokenInfo never has. A session record `{tokenId, expiresAt, userId}` is something else.
 */
export function isTokenInfoShaped(keys: Iterable<string>): boolean {
  const list = [...keys];
  const known = list.filter((k) => KNOWN_TOKEN_INFO_KEYS.includes(k));
  const count = known.filter((k) => (TOKEN_INFO_FIELDS as readonly string[]).includes(k)).length;
  return count >= 2 && (list.includes("tokenValue") || known.length === list.length);
}

/** A set of declared keys that describes the whole response: tokenInfo beside an envelope field. */
export function isResponseShaped(keys: Iterable<string>): boolean {
  const list = [...keys];
  return list.includes("tokenInfo") && list.some((k) => ENVELOPE_FIELDS.includes(k));
}

/**
 * Words whose presence in a file lets a validator rule look at it (the first pass), as property names: a
 * scanner's `getTokenValue` or a parser's `TokenInfo` type is no token response.
 */
export const TOKEN_SCHEMA_WORDS = ["^tokenInfo", "^tokenValue", "^tokenId", "^refreshTokenId"];
