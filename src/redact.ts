// Secrets found in scanned files never reach the terminal or a CI log: private keys, long base64 runs
// (certificates, tokens, precomputed signatures) and values of names like password/secret/token/apiKey are
// replaced before any text from a scanned file is printed. Line structure is kept so code frames still line up.

const PEM_PRIVATE_KEY = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)([\s\S]*?)(-----END [A-Z0-9 ]*PRIVATE KEY-----)/g;
const LONG_BASE64 = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const SECRET_VALUE =
  /((?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|client[_-]?secret)\w*["']?\s*[:=]\s*)(["'`])([^"'`\r\n]+)\2/gi;

/** Keeps the line breaks of a redacted part, so the lines after it keep their numbers. */
function sameLines(removed: string, replacement: string): string {
  const breaks = removed.match(/\r\n|\r|\n/g) ?? [];
  return replacement + breaks.join("");
}

export function redact(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, (_m, begin: string, body: string, end: string) => begin + sameLines(body, "[redacted]") + end)
    .replace(SECRET_VALUE, (_m, lead: string, quote: string) => `${lead}${quote}[redacted]${quote}`)
    .replace(LONG_BASE64, (run: string) => (looksEncoded(run) ? `${run.slice(0, 8)}…[redacted, ${run.length} chars]` : run));
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
