// Secrets found in scanned files never reach the terminal or a CI log: private keys, long base64 and hex runs
// (certificates, stored signatures, keys), well-known token formats, and string values on a line that assigns a
// name like password/secret/token/apiKey are replaced before any text from a scanned file is printed. Line
// structure is kept so code frames still line up.

const PEM_PRIVATE_KEY = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)([\s\S]*?)(-----END [A-Z0-9 ]*PRIVATE KEY-----)/g;
const LONG_BASE64 = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
// Not bounded by \b: `0x…n` bigint literals and JSON escapes (`\nad28…`) put letters right against the run.
const LONG_HEX = /(?<![0-9a-fA-F])[0-9a-fA-F]{32,}(?![0-9a-fA-F])/g;
const KNOWN_TOKENS = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9._-]{10,})/g;
/**
 * A name that holds a secret, then `=` or `:` (also inside escaped JSON, as in Postman raw bodies); names that
 * only describe one (tokenUrl, tokenInfo, secretName) are not secrets.
 */
const SECRET_WORD = String.raw`(?:password|passwd|(?<![a-z])pwd?(?![a-z])|passphrase|secret|token|api[_-]?key|private[_-]?key|client[_-]?secret|credentials?|authorization)\w*`;
/**
 * The name, then what gives it a value: `:` or `=` (also after a closing quote or bracket: `opts["password"] =`),
 * or the `,` after a name quoted as a call's first argument (`setHeader("Authorization", …)`).
 */
const SECRET_NAMES = new RegExp(String.raw`${SECRET_WORD}\\?["'${"`"}]?\]?\s*[:=]|(?<=\(\s*["'${"`"}])${SECRET_WORD}["'${"`"}]\s*,`, "gi");
/** Last name parts that say the name describes a secret rather than holds one: tokenInfo, secretName, tokenUrl. */
const DESCRIPTIVE_PARTS = new Set(["url", "uri", "info", "id", "ids", "type", "endpoint", "path", "name", "expiry", "expires", "expiresat", "at"]);

/** Whether a secret-like name only describes one: its last camelCase or snake_case part says so. */
function describesSecret(name: string): boolean {
  const identifier = /^[\w]+/.exec(name)?.[0] ?? "";
  const parts = identifier.split(/_|-|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  return parts.length > 1 && DESCRIPTIVE_PARTS.has(parts[parts.length - 1].toLowerCase());
}
/** `"key": "password"` (Postman variables and environments): the value that follows is the secret. */
const SECRET_KEY_ENTRY = new RegExp(String.raw`["'](?:key|name)["']\s*:\s*["']${SECRET_WORD}["']`, "i");
/** Quoted strings, also with escaped quotes (`\"…\"`) and quotes of another kind inside. */
const QUOTED = /\\"(?:[^"\\]|\\(?!"))*\\"|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
const MARK = "[redacted]";
/** HTTP credentials by their shape, whatever the header or variable holds them: `Basic dXNlcjpwYXNz`. */
// A credential mixes cases or digits; "Basic authentication" in a comment is prose.
const AUTH_SCHEME_VALUE = /\b(Basic|Bearer|Digest|AnaplanAuthToken)(\s+)(?=[a-z._~-]*[A-Z0-9+/=])[A-Za-z0-9+/=._~-]{8,}/g;

/** Keeps the line breaks of a redacted part, so the lines after it keep their numbers. */
function sameLines(removed: string, replacement: string): string {
  const breaks = removed.match(/\r\n|\r|\n|\u2028|\u2029/g) ?? [];
  return replacement + breaks.join("");
}

/** `scheme://user:password@host` and `?password=…`/`&token=…` in URLs. */
// A scheme starts where no scheme character precedes it: tried from inside a long run of them, the match
// would rescan the rest of the run from every position (quadratic on a 150 KB string).
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:)[^\s@/"'`]+@/gi;
const URL_SECRET_PARAMS = /([?&](?:password|passwd|pwd|secret|token|api[_-]?key|key|auth|access[_-]?token|client[_-]?secret|sig|signature)=)[^&#\s"'`]+/gi;

export function redact(text: string): string {
  return redactSecretAssignments(
    text
      .replace(URL_CREDENTIALS, (_m, head: string) => `${head}${MARK}@`)
      .replace(URL_SECRET_PARAMS, (_m, head: string) => `${head}${MARK}`)
      .replace(PEM_PRIVATE_KEY, (_m, begin: string, body: string, end: string) => begin + sameLines(body, MARK) + end),
  )
    .replace(KNOWN_TOKENS, (token: string) => `${token.slice(0, 4)}…${MARK}`)
    .replace(AUTH_SCHEME_VALUE, (_m, scheme: string, space: string) => `${scheme}${space}${MARK}`)
    .replace(LONG_BASE64, (run: string) => (looksEncoded(run) ? shortened(run) : run))
    .replace(LONG_HEX, (run: string) => shortened(run));
}

function shortened(run: string): string {
  return `${run.slice(0, 8)}…[redacted, ${run.length} chars]`;
}

/**
 * On each line that assigns a secret-named variable or property, every quoted value after the name is
 * replaced: `apiKey = process.env.KEY ?? "sk-…"` keeps nothing of the fallback either. When the line ends
 * before the value (`const password =` with the string on the next line) or names the secret as data
 * (a Postman variable `{"key": "password", "value": "…"}`, often split over lines), the next line's values
 * are replaced too.
 */
function redactSecretAssignments(text: string): string {
  let pending: "value" | "entry-value" | undefined;
  let pendingLines = 0;
  return text.replace(/[^\r\n\u2028\u2029]+/g, (line) => {
    if (pending === "value" && line.trim()) {
      pending = undefined;
      return redactQuoted(line, 0);
    }
    if (pending === "entry-value" && ENTRY_VALUE.test(line)) {
      pending = undefined;
      return line.replace(ENTRY_VALUE, (_m, name: string) => `${name}"${MARK}"`);
    }
    if (pending === "entry-value" && ++pendingLines > 3) pending = undefined;
    // The first secret-named assignment that holds a value: a schema or type for the field
    // (`tokenValue: { type: "string" }`, `refreshToken: z.string()`) holds none, but what follows it may.
    let out = "";
    let done = 0;
    for (const named of line.matchAll(SECRET_NAMES)) {
      if (describesSecret(named[0])) continue;
      const cut = named.index + named[0].length;
      if (cut < done) continue;
      const rest = line.slice(cut);
      if (DESCRIBES_FIELD.test(rest)) continue;
      if (!rest.trim()) pending = "value";
      // Only the value given to the name (up to the `,` or `;` that ends it): its neighbours are not secret.
      const end = cut + valueLength(rest);
      out += line.slice(done, cut) + redactQuoted(line.slice(cut, end), 0);
      done = end;
    }
    if (done) return out + line.slice(done);
    const keyed = SECRET_KEY_ENTRY.exec(line);
    if (keyed && !describesSecret(/([\w-]+)["']$/.exec(keyed[0])?.[1] ?? "")) {
      const cut = keyed.index + keyed[0].length;
      const rest = line.slice(cut);
      if (ENTRY_VALUE.test(rest)) return line.slice(0, cut) + rest.replace(ENTRY_VALUE, (_m, name: string) => `${name}"${MARK}"`);
      pending = "entry-value";
      pendingLines = 0;
    }
    return line;
  });
}

/** What follows a secret-looking name when it is a schema, not a value: an object, or a schema builder call. */
const DESCRIBES_FIELD = /^\s*(?:\{|\[|(?:z|Joi|joi|yup|Yup|v|t|Type|S|Schema|s)\.\w+\()/;

/** The `"value": "…"` beside a Postman variable's key. */
const ENTRY_VALUE = /(["']value["']\s*:\s*)"(?:[^"\\\r\n]|\\.)*"/;

/** How far the value after a name reaches: to the first `,` `;` or closing bracket outside quotes and brackets. */
function valueLength(rest: string): number {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return i;
      depth--;
    } else if ((c === "," || c === ";") && depth === 0) return i;
  }
  return rest.length;
}

function redactQuoted(line: string, from: number): string {
  let rest = line.slice(from);
  if (!/["'`]/.test(rest)) {
    // An unquoted value (YAML `password: Winter2026!Prod`): hidden when it looks like one, not like code.
    return line.slice(0, from) + rest.replace(/^(\s*)([^\s,}\]#;]+)/, (whole, space: string, value: string) => (/[0-9!@#$%^&*]/.test(value) && !/[(]/.test(value) ? `${space}${MARK}` : whole));
  }
  rest = rest.replace(QUOTED, (quoted) => {
    const open = quoted.startsWith('\\"') ? '\\"' : quoted[0];
    return `${open}${MARK}${open}`;
  });
  return line.slice(0, from) + rest;
}

/**
 * Base64 of random bytes has digits and about as many capitals as small letters; long camelCase identifiers
 * and paths have few capitals.
 */
function looksEncoded(run: string): boolean {
  const letters = run.replace(/[^A-Za-z]/g, "");
  const capitals = letters.replace(/[^A-Z]/g, "").length / (letters.length || 1);
  return /[0-9]/.test(run) && capitals >= 0.25 && capitals <= 0.75;
}
