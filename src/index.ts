// The programmatic API: what the CLI itself calls. `lint` scans and returns the same shape as
// `--format json`; `lintAndFix` also applies fixes (or, with dryRun, only reports them).
export { lint, type RunOptions, type RuleLevel } from "./engine.js";
export { lintAndFix, type FixOutcome, type FixRunOptions } from "./fix/runner.js";
export type { Finding, Fix, FixedFile, Notice, RunResult, Severity, SuppressedFinding, Summary, TextEdit, TextPosition } from "./types.js";
export { rules } from "../rules/index.js";
