// Errors that end a run with exit code 2 and one line on stderr (bad usage, an unreadable path).
export class UsageError extends Error {
  override name = "UsageError";
}
