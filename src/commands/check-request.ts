// `anaplan-auth-lint check-request`: explains a captured login request the way the v2 auth service judges
// it. Exit 0 when every request in the capture would be accepted, 1 when one would not, 2 on unreadable input.
import type { X509Certificate } from "node:crypto";
import fs from "node:fs";
import yargs from "yargs";
import { UsageError } from "../errors.js";
import { redact } from "../redact.js";
import { TOOL_NAME } from "../package-info.js";
import { CaptureError, type CapturedRequest, parseCapture } from "../v2/capture.js";
import { certificateFromFile } from "../v2/certificate.js";
import { checkLogin, type LoginCheck } from "../v2/login-check.js";

const DEFAULT_SKEW = 300;

export async function checkRequestCommand(argv: string[]): Promise<number> {
  const args = await yargs(argv)
    .scriptName(`${TOOL_NAME} check-request`)
    .usage("$0 [FILE|-] [options]\n\nExplains a captured certificate login: the JSON body, {headers, body}, a HAR file or raw HTTP text.")
    .command("$0 [file]", false)
    .positional("file", { type: "string", describe: "the capture (default: - for standard input)" })
    .option("cert", { type: "string", requiresArg: true, describe: "certificate (PEM or DER) to check the signature with" })
    .option("now", { type: "string", requiresArg: true, describe: "judge the timestamp against this time (ISO 8601) instead of now" })
    .option("skew", { type: "number", default: DEFAULT_SKEW, requiresArg: true, describe: "seconds the timestamp may differ from now" })
    .option("format", { choices: ["stylish", "json"] as const, default: "stylish" as const, requiresArg: true, describe: "output format" })
    .strict()
    .parserConfiguration({ "dot-notation": false })
    .fail((message, error) => {
      throw error instanceof UsageError ? error : new UsageError((message || error?.message || "bad usage").replace(/\s*\n\s*/g, " "));
    })
    .parseAsync();

  const now = args.now === undefined ? new Date() : new Date(args.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now takes an ISO 8601 time, got "${args.now}"`);
  // yargs reads a lone "-" as an empty value.
  const file = args.file ? args.file : "-";
  if (file === "-" && process.stdin.isTTY) throw new UsageError("give a capture file, or pipe one to standard input");
  const text = readInput(file);
  let certificate: X509Certificate | undefined;
  if (args.cert !== undefined) {
    const bytes = readBytes(args.cert, "--cert");
    certificate = certificateFromFile(bytes);
    if (!certificate) throw new UsageError(`--cert: ${args.cert} holds no readable certificate (PEM or DER)`);
  }
  let requests: CapturedRequest[];
  try {
    requests = parseCapture(text);
  } catch (error) {
    if (error instanceof CaptureError) throw new UsageError(`cannot read the capture: ${redact(error.message)}`);
    throw error;
  }
  const checks = requests.map((request) => ({
    request,
    check: request.bodyError
      ? ({ scheme: "none", accepted: false, problems: [request.bodyError], signature: "not-checked" } as LoginCheck)
      : checkLogin({ authorization: request.authorization, body: request.body, now, skewSeconds: args.skew, certificate, requireSignature: false }),
  }));
  const accepted = checks.every((c) => c.check.accepted);
  // A capture carries credentials (in the URL, quoted in a parse error): what is printed is redacted.
  const report = args.format === "json" ? `${JSON.stringify({ accepted, now: now.toISOString(), requests: checks.map(({ request, check }) => ({ target: request.target, ...check })) }, null, 2)}\n` : describeChecks(checks, now);
  process.stdout.write(redact(report));
  return accepted ? 0 : 1;
}

function describeChecks(checks: { request: CapturedRequest; check: LoginCheck }[], now: Date): string {
  const out: string[] = [];
  checks.forEach(({ request, check }, i) => {
    out.push(`${checks.length > 1 ? `request ${i + 1}: ` : ""}${request.target ?? "certificate login"}`);
    if (check.scheme === "Basic") out.push("  authorization      Basic: not a certificate login, nothing to check");
    else {
      out.push(`  encodedDataFormat  ${check.format === undefined ? "missing" : JSON.stringify(check.format)}`);
      if (check.byteLength !== undefined) out.push(`  encodedData        ${check.byteLength} bytes after base64 decoding`);
      const t = check.timestamp;
      if (t) {
        const when = t.date ? `${t.date}` : `not a time (${t.value})`;
        const distance = t.offsetSeconds !== undefined ? `, ${Math.abs(t.offsetSeconds)} s ${t.offsetSeconds < 0 ? "before" : "after"} ${now.toISOString()}` : "";
        out.push(`  timestamp          ${when} (${t.unit}${t.unit === "seconds" ? ", big-endian" : ""})${distance}`);
      }
      out.push(`  signature          ${signatureText(check)}`);
    }
    for (const problem of check.problems) out.push(`  ✖ ${problem}`);
    out.push(`  verdict            ${check.accepted ? "would be accepted" : "would be rejected"}`);
    out.push("");
  });
  return out.join("\n");
}

function signatureText(check: LoginCheck): string {
  switch (check.signature) {
    case "verified":
      return `verifies over the whole encodedData (${check.certificateSubject})`;
    case "verifies-without-prefix":
      return "verifies only over the bytes after the 8-byte prefix";
    case "does-not-verify":
      return "does not verify";
    case "unreadable-certificate":
      return "not checked: the certificate in the Authorization header could not be read";
    case "not-checked":
      return "not checked (no certificate: give --cert or capture the Authorization header)";
  }
}

function readInput(file: string): string {
  if (file === "-") {
    try {
      return fs.readFileSync(0, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read standard input: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return readBytes(file, "capture").toString("utf8");
}

function readBytes(file: string, what: string): Buffer {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new UsageError(`${what}: ${file} is not a file`);
    if (stat.size > 64 * 1024 * 1024) throw new UsageError(`${what}: ${file} is larger than 64 MiB`);
    return fs.readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
