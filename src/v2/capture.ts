// Captured login requests in the shapes developers have them: the JSON body alone, `{headers, body}`, a HAR
// file (its /token/authenticate entries), or raw HTTP text as `curl -v` or a proxy shows it.

export interface CapturedRequest {
  /** "POST https://…/token/authenticate", when the capture says. */
  target?: string;
  authorization?: string;
  body: unknown;
  /** Why the body could not be read as JSON, if it could not. */
  bodyError?: string;
}

export class CaptureError extends Error {}

export function parseCapture(text: string): CapturedRequest[] {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new CaptureError("the input is empty");
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new CaptureError(`the input looks like JSON but is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
    }
    return fromJson(value);
  }
  return [fromRawHttp(trimmed)];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fromJson(value: unknown): CapturedRequest[] {
  if (!isObject(value)) throw new CaptureError("expected a JSON object: the body, {headers, body}, or a HAR file");
  const log = value.log;
  if (isObject(log) && Array.isArray(log.entries)) {
    const requests = log.entries
      .map((entry) => (isObject(entry) && isObject(entry.request) ? entry.request : undefined))
      .filter((r): r is Record<string, unknown> => !!r && typeof r.url === "string" && /\/token\/authenticate\b/.test(r.url));
    if (!requests.length) throw new CaptureError("the HAR file has no request to /token/authenticate");
    return requests.map((r) => {
      const headers = Array.isArray(r.headers) ? r.headers : [];
      const authorization = headers.find((h): h is { name: string; value: string } => isObject(h) && typeof h.name === "string" && h.name.toLowerCase() === "authorization" && typeof h.value === "string");
      const text = isObject(r.postData) && typeof r.postData.text === "string" ? r.postData.text : "";
      return { target: `${String(r.method ?? "POST")} ${String(r.url)}`, authorization: authorization?.value, ...jsonBody(text) };
    });
  }
  if ("body" in value && (isObject(value.headers) || Array.isArray(value.headers) || !("encodedData" in value))) {
    const authorization = headerValue(value.headers, "authorization");
    const target = typeof value.url === "string" ? `${String(value.method ?? "POST")} ${value.url}` : undefined;
    const body = value.body;
    return [{ target, authorization, ...(typeof body === "string" ? jsonBody(body) : { body }) }];
  }
  return [{ body: value }];
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (Array.isArray(headers)) {
    const found = headers.find((h) => isObject(h) && typeof h.name === "string" && h.name.toLowerCase() === name);
    return isObject(found) && typeof found.value === "string" ? found.value : undefined;
  }
  if (!isObject(headers)) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : undefined;
}

function jsonBody(text: string): { body: unknown; bodyError?: string } {
  try {
    return { body: JSON.parse(text) };
  } catch (error) {
    return { body: undefined, bodyError: `the body is not valid JSON (${error instanceof Error ? error.message : "parse error"})` };
  }
}

/** `POST /token/authenticate HTTP/1.1`, headers, a blank line, the body; `curl -v`'s "> " prefixes allowed. */
function fromRawHttp(text: string): CapturedRequest {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^[>*] ?/, ""));
  const requestLine = lines[0] ?? "";
  const m = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(requestLine.trim());
  if (!m) throw new CaptureError("not a JSON capture, and the first line is not an HTTP request line (such as POST /token/authenticate HTTP/1.1)");
  let i = 1;
  let authorization: string | undefined;
  let host: string | undefined;
  for (; i < lines.length && lines[i].trim() !== ""; i++) {
    const header = /^([^:\s]+)\s*:\s*(.*)$/.exec(lines[i]);
    if (!header) continue;
    if (header[1].toLowerCase() === "authorization") authorization = header[2].trim();
    if (header[1].toLowerCase() === "host") host = header[2].trim();
  }
  const bodyText = lines.slice(i + 1).join("\n").trim();
  const target = `${m[1]} ${host && m[2].startsWith("/") ? `https://${host}${m[2]}` : m[2]}`;
  return { target, authorization, ...jsonBody(bodyText) };
}
