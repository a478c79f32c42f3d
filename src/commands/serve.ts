// `anaplan-auth-lint serve`: the local v2 auth server as a command. Prints exactly one line on stdout when
// it listens, logs to stderr, and stops cleanly on SIGINT/SIGTERM.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import yargs from "yargs";
import { UsageError } from "../errors.js";
import { TOOL_NAME } from "../package-info.js";
import { createAuthServer } from "../v2/auth-server.js";

export async function serveCommand(argv: string[]): Promise<number> {
  const args = await yargs(argv)
    .scriptName(`${TOOL_NAME} serve`)
    .usage("$0 [options]\n\nA local stand-in for Anaplan's auth service that accepts only correct v2 certificate logins.")
    .option("port", { type: "number", default: 4010, requiresArg: true, describe: "port to listen on (0 picks a free one)" })
    .option("host", { type: "string", default: "127.0.0.1", requiresArg: true, describe: "address to bind" })
    .option("skew", { type: "number", default: 300, requiresArg: true, describe: "seconds the timestamp may differ from now" })
    .option("refresh-token", { type: "boolean", default: true, describe: "include tokenInfo.refreshToken (--no-refresh-token omits it)" })
    .option("status", { type: "number", choices: [200, 201], default: 201, requiresArg: true, describe: "HTTP status of a successful login" })
    .option("tls-cert", { type: "string", requiresArg: true, describe: "PEM certificate: serve https" })
    .option("tls-key", { type: "string", requiresArg: true, describe: "PEM private key for --tls-cert" })
    .strict()
    .parserConfiguration({ "dot-notation": false })
    .fail((message, error) => {
      throw error instanceof UsageError ? error : new UsageError((message || error?.message || "bad usage").replace(/\s*\n\s*/g, " "));
    })
    .parseAsync();

  const port = args.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got ${port}`);
  if (!Number.isFinite(args.skew) || args.skew < 0) throw new UsageError(`--skew must be a number of seconds, 0 or more, got ${args.skew}`);
  if (!!args.tlsCert !== !!args.tlsKey) throw new UsageError("--tls-cert and --tls-key go together");
  const tls = args.tlsCert && args.tlsKey ? { cert: readFile(args.tlsCert, "--tls-cert"), key: readFile(args.tlsKey, "--tls-key") } : undefined;

  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  let server;
  try {
    server = createAuthServer({ skewSeconds: args.skew, refreshToken: args.refreshToken, successStatus: args.status as 200 | 201, tls, log });
  } catch (error) {
    throw new UsageError(`cannot use the TLS certificate and key: ${error instanceof Error ? error.message : String(error)}`);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(new UsageError(error.code === "EADDRINUSE" ? `port ${port} on ${args.host} is in use` : `cannot listen on ${args.host}:${port}: ${error.message}`));
    });
    server.listen(port, args.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  process.stdout.write(`listening on ${tls ? "https" : "http"}://${host}:${address.port}\n`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: stopping`);
      server.close(() => resolve(0));
      server.closeAllConnections();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}

function readFile(file: string, flag: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
