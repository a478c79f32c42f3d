// A local stand-in for Anaplan's auth service, for integration tests: it accepts a certificate login only when
// it is right by the v2 rules (src/v2/login-check.ts), answers with the response as it is since June 2026,
// and says exactly what is wrong otherwise. It keeps the tokens it issued in memory. Nothing secret is
// logged: a line per decision with the route, the status and the reason.
import { randomBytes, randomUUID } from "node:crypto";
import type http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { checkLogin } from "./login-check.js";

export interface AuthServerOptions {
  skewSeconds: number;
  refreshToken: boolean;
  /** HTTP status of a successful login: 201 as the live service answers, 200 as the docs show. */
  successStatus: 200 | 201;
  tls?: { cert: Buffer; key: Buffer };
  log: (line: string) => void;
  now?: () => Date;
}

export const MAX_BODY_BYTES = 1024 * 1024;
const TOKEN_LIFETIME_MS = 35 * 60 * 1000;

interface Issued {
  tokenId: string;
  expiresAt: number;
  refreshToken: string;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createAuthServer(options: AuthServerOptions): http.Server {
  const tokens = new Map<string, Issued>();
  const now = options.now ?? (() => new Date());

  const issue = (origin: string) => {
    const tokenValue = randomBytes(24).toString("base64url");
    const refreshToken = randomBytes(24).toString("base64url");
    const issued: Issued = { tokenId: randomUUID(), expiresAt: now().getTime() + TOKEN_LIFETIME_MS, refreshToken };
    tokens.set(tokenValue, issued);
    const tokenInfo: Record<string, unknown> = {
      expiresAt: issued.expiresAt,
      tokenId: issued.tokenId,
      tokenValue,
      refreshTokenId: randomUUID(),
    };
    if (options.refreshToken) tokenInfo.refreshToken = refreshToken;
    return { meta: { validationUrl: `${origin}/token/validate` }, status: "SUCCESS", statusMessage: "Login successful", tokenInfo };
  };

  const bearer = (req: IncomingMessage): Issued | undefined => {
    const m = /^\s*AnaplanAuthToken\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    const issued = m ? tokens.get(m[1]) : undefined;
    return issued && issued.expiresAt > now().getTime() ? issued : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const origin = `${options.tls ? "https" : "http"}://${req.headers.host ?? "127.0.0.1"}`;
    const route = `${req.method} ${url.pathname}`;
    const reply = (status: number, body: unknown, reason: string) => {
      options.log(`${route} ${status} ${reason}`);
      if (body === undefined) {
        res.writeHead(status).end();
        return;
      }
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    };
    const failure = (status: number, message: string) => reply(status, { status: "FAILURE_BAD_CREDENTIAL", statusMessage: message }, `rejected: ${message}`);
    try {
      switch (route) {
        case "POST /token/authenticate": {
          const authorization = req.headers.authorization;
          if (/^\s*Basic\s+\S/i.test(authorization ?? "")) {
            await readBody(req);
            return reply(options.successStatus, issue(origin), "accepted (Basic)");
          }
          const body = parseJson(await readBody(req));
          const check = checkLogin({ authorization, body, now: now(), skewSeconds: options.skewSeconds, requireSignature: true });
          if (!check.accepted) return failure(401, check.problems.join("; "));
          return reply(options.successStatus, issue(origin), `accepted (CACertificate, ${check.certificateSubject})`);
        }
        case "POST /token/refresh": {
          await readBody(req);
          const m = /^\s*AnaplanAuthToken\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
          if (!m || !bearer(req)) return failure(401, "refresh needs Authorization: AnaplanAuthToken <tokenValue> of a token this server issued and that has not expired");
          tokens.delete(m[1]);
          return reply(201, issue(origin), "refreshed");
        }
        case "GET /token/validate": {
          const issued = bearer(req);
          if (!issued) return failure(401, "validate needs Authorization: AnaplanAuthToken <tokenValue> of a token this server issued and that has not expired");
          return reply(200, { status: "SUCCESS", statusMessage: "Token validated", tokenInfo: { expiresAt: issued.expiresAt, tokenId: issued.tokenId } }, "validated");
        }
        case "POST /token/logout": {
          await readBody(req);
          const m = /^\s*AnaplanAuthToken\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
          if (m) tokens.delete(m[1]);
          return reply(204, undefined, "logged out");
        }
        default: {
          const known = ["/token/authenticate", "/token/refresh", "/token/validate", "/token/logout"].includes(url.pathname);
          return reply(known ? 405 : 404, { status: "FAILURE", statusMessage: known ? `${req.method} is not allowed on ${url.pathname}` : `no route ${url.pathname}` }, known ? "method not allowed" : "not found");
        }
      }
    } catch (error) {
      if (error instanceof RequestError) return failure(error.status, error.message);
      throw error;
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // Never crash on input: an unexpected fault answers 500 and is logged without the request's content.
      options.log(`${req.method} ${req.url} 500 internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ status: "FAILURE", statusMessage: "internal error" }));
    });
  };
  // Required here, not imported: the CLI bundles this module, and a lint run should not load http and https.
  const load = createRequire(import.meta.url);
  const server = options.tls
    ? (load("node:https") as typeof import("node:https")).createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : (load("node:http") as typeof http).createServer(listener);
  server.on("clientError", (_error, socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
  return server;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !failed) {
        failed = true;
        reject(new RequestError(400, `the body is larger than ${MAX_BODY_BYTES} bytes`));
        req.resume();
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => {
      if (!failed) reject(new RequestError(400, `the request could not be read: ${error.message}`));
    });
  });
}

function parseJson(text: string): unknown {
  if (!text.trim()) throw new RequestError(400, "the body is empty; send JSON with encodedData, encodedSignedData and encodedDataFormat");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, `the body is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
}
