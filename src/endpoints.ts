// The configuration's `endpoints`: URLs that also count as the login endpoint (a gateway in front of
// /token/authenticate). `*` matches any text and the rest is literal, matched without regard to case
// anywhere in the URL. Matched piece by piece with indexOf, never as a regular expression: a pattern with
// several `*` against a long URL must not backtrack.
export type EndpointPattern = readonly string[];

export function endpointPattern(pattern: string): EndpointPattern {
  return pattern.toLowerCase().split("*").filter(Boolean);
}

export function matchesEndpoint(url: string, pattern: EndpointPattern): boolean {
  if (!pattern.length) return false;
  const text = url.toLowerCase();
  let from = 0;
  for (const piece of pattern) {
    const at = text.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}
