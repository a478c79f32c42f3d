// --cache: per candidate file, the findings and notices its analysis produced, kept with the hash of its text
// and of every file that analysis could have read (imports, required JSON, probed paths, found or not). A
// later run reuses them when none of those changed, and parses nothing for that file. The whole cache is
// dropped when the tool's version or any setting that changes results differs (its key).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FileReader } from "./files.js";
import { writeWhole } from "./write-whole.js";
import type { Finding, Notice } from "./types.js";

const CACHE_FORMAT = 1;

/** The state of a file a result depended on: its text's hash, or null when it was absent or unreadable. */
type DependencyState = string | null;
/** The state of a dependency the run may not read, whatever its text: "excluded" is no sha1 hash. */
const EXCLUDED = "excluded";

export interface CachedResult {
  findings: Finding[];
  notices: Notice[];
}

interface Entry extends CachedResult {
  hash: string;
  /** Absolute path → state when the result was computed. */
  dependencies: Record<string, DependencyState>;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, Entry>;
}

function isEntry(value: unknown): value is Entry {
  if (!value || typeof value !== "object") return false;
  const e = value as Partial<Entry>;
  const deps = e.dependencies;
  return (
    typeof e.hash === "string" &&
    Array.isArray(e.findings) && e.findings.every((f) => !!f && typeof f === "object" && typeof f.file === "string" && typeof f.ruleId === "string" && typeof f.line === "number") &&
    Array.isArray(e.notices) && e.notices.every((n) => !!n && typeof n === "object" && typeof n.file === "string" && typeof n.kind === "string" && typeof n.message === "string") &&
    !!deps && typeof deps === "object" && Object.values(deps).every((d) => d === null || typeof d === "string")
  );
}

export function hashText(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export function cacheKey(parts: unknown): string {
  return hashText(JSON.stringify(parts));
}

export class ResultCache {
  private entries: Record<string, Entry> = Object.create(null);
  private changed = false;
  /** A file at the cache's place that is no cache of this tool (a source file named by mistake): kept. */
  private foreign = false;

  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly reader: FileReader,
    /** Whether the analyses may read a file (not excluded by the run): a change of that changes a result too. */
    private readonly mayFollow: (absPath: string) => boolean = () => true,
  ) {
    try {
      // Only a regular file is read: a FIFO would hang, /dev/zero or /dev/full never end.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat && !stat.isFile()) {
        this.foreign = true;
        return;
      }
      const text = stat ? fs.readFileSync(file, "utf8") : undefined;
      if (text === undefined) return;
      let loaded: Partial<CacheFile> | undefined;
      try {
        loaded = JSON.parse(text) as Partial<CacheFile>;
      } catch {
        /* not JSON: a truncated cache, or not a cache at all */
      }
      this.foreign = !loaded || typeof loaded !== "object" || !("format" in loaded) || !("entries" in loaded);
      // Another version or another key (a changed configuration) just means starting afresh.
      if (!this.foreign && loaded!.format === CACHE_FORMAT && loaded!.key === key && loaded!.entries && typeof loaded!.entries === "object") {
        this.entries = Object.assign(Object.create(null), loaded!.entries);
      }
    } catch {
      /* no cache yet, or unreadable: start afresh */
    }
  }

  /** The cached result for a file with this text, if neither it nor anything it depended on changed. */
  lookup(absPath: string, text: string): CachedResult | undefined {
    const entry = this.entries[absPath];
    // A hand-edited or damaged entry is a miss, never a crash: the file is analysed again.
    if (!isEntry(entry) || entry.hash !== hashText(text)) return undefined;
    for (const [dependency, state] of Object.entries(entry.dependencies)) {
      if (this.stateOf(dependency) !== state) return undefined;
    }
    return { findings: entry.findings, notices: entry.notices };
  }

  store(absPath: string, text: string, dependencies: readonly string[], result: CachedResult): void {
    this.entries[absPath] = {
      hash: hashText(text),
      dependencies: Object.fromEntries(dependencies.map((d) => [d, this.stateOf(d)])),
      findings: result.findings,
      notices: result.notices,
    };
    this.changed = true;
  }

  /**
   * Drops the entries of files this run scanned and found no candidate, and of files gone from the disk, so
   * the cache does not grow without end. A run over a few files (a pre-commit hook) keeps the others' entries.
   */
  keepOnly(candidates: ReadonlySet<string>, scanned: ReadonlySet<string>): void {
    for (const file of Object.keys(this.entries)) {
      if (scanned.has(file) ? !candidates.has(file) : !fs.existsSync(file)) {
        delete this.entries[file];
        this.changed = true;
      }
    }
  }

  /** Writes the cache whole or not at all; a cache that cannot be written only makes the next run slower. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    if (this.foreign) return `${this.file} is not a cache of this tool (or not a regular file), so it was not overwritten; remove it, or give --cache-location another path`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const content: CacheFile = { format: CACHE_FORMAT, key: this.key, entries: this.entries };
      writeWhole(this.file, JSON.stringify(content));
      return undefined;
    } catch (error) {
      return `could not write the cache ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
  }

  /** A dependency's hash; null when it is not there; "excluded" when the run may not read it (.gitignore'd …). */
  private stateOf(absPath: string): DependencyState {
    if (!this.mayFollow(absPath)) return EXCLUDED;
    if (!this.reader.isFile(absPath)) return null;
    const read = this.reader.read(absPath);
    return "text" in read ? hashText(read.text) : null;
  }
}
