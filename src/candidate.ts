// One candidate's analysis: parse it, find what the rules judge (payloads, stored variables, validators of
// the token response), run the rules it wants, and turn their reports into findings. Used by a run on the
// main thread and by the analysis worker alike.
import { Analyses } from "./analysis/index.js";
import { PayloadFinder } from "./analysis/payloads.js";
import { isPostmanCandidate, readPostman } from "./analysis/postman.js";
import { isDataFile, schemaFileFaults } from "./analysis/schema-files.js";
import { AnalysisBudgetExceeded } from "./analysis/values.js";
import type { Workspace } from "./analysis/workspace.js";
import { toFix } from "./fix/convert.js";
import { formatMessage } from "./messages.js";
import { ruleDocsUrl } from "./package-info.js";
import { flavourOf } from "./parse/typescript.js";
import type { Rule, RuleContext, RuleReport } from "./rule.js";
import { FileText, spanLocation } from "./source.js";
import type { Finding, Fix, Notice, Severity } from "./types.js";

/**
 * Parses one candidate and runs the rules it wants. Each file's analysis stands alone (payloads are counted
 * per file, notices taken as they arise), so its result can be cached; a fault costs only this file.
 */
export class CandidateAnalyser {
  private readonly analysis: Analyses;
  private readonly finder: PayloadFinder;

  constructor(
    private readonly workspace: Workspace,
    private readonly debug: boolean,
  ) {
    this.analysis = new Analyses(workspace);
    this.finder = new PayloadFinder(this.analysis.resolver);
  }

  analyse(absPath: string, text: string, wanted: readonly Rule[]): { findings: Finding[]; notices: Notice[]; complete: boolean } {
    const findings: Finding[] = [];
    const notices: Notice[] = [];
    const workspaceNotices = this.workspace.notices.length;
    let complete = false;
    try {
      this.analysis.resolver.startFile();
      this.finder.startFile();
      const context = fileContext(this.workspace, this.analysis, this.finder, absPath, text);
      for (const rule of context ? wanted : []) {
        for (const report of rule.check(context!)) findings.push(toFinding(rule, report));
      }
      complete = true;
    } catch (error) {
      // One file the analyses cannot handle (a parser stack overflow on absurd nesting, say) must not cost
      // the findings of every other file. --debug lets a fault of the tool escape, not a limit of the input.
      if (this.debug && faultNotice(error, "").kind === "internal-error") throw error;
      this.analysis.resolver.forgetAll();
      notices.push(faultNotice(error, this.workspace.relative(absPath)));
    }
    // What the workspace noticed meanwhile is this file's, and so is a syntax error in any file it read, though
    // raised while another candidate was analysed: the result must not depend on the order of analysis.
    const raised = this.workspace.notices.splice(workspaceNotices);
    const read = this.workspace.fileNoticesReadBy(absPath).filter((n) => !raised.includes(n));
    notices.unshift(...raised, ...read);
    return { findings, notices, complete };
  }
}

function faultNotice(error: unknown, file: string): Notice {
  if (error instanceof AnalysisBudgetExceeded) return { kind: "timeout", file, message: error.message };
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { kind: "too-deep", file, message: "nested too deeply to parse or analyse, so skipped" };
  return { kind: "internal-error", file, message: `could not analyse the file: ${describe(error)}` };
}

/**
 * Parses a candidate file and gives the rules what they judge in it: certificate-auth payloads, stored
 * variables, validators of the token response. Each is found only when a rule asks for it.
 */
function fileContext(workspace: Workspace, analysis: Analyses, finder: PayloadFinder, absPath: string, text: string): RuleContext | undefined {
  const data = isDataFile(absPath);
  // Data files count lines as editors do (only CR and LF); scripts as JavaScript does (also U+2028/U+2029).
  const source = new FileText(workspace.relative(absPath), absPath, text, data ? "data" : "script");
  // A JSON file that turns out to be no collection (a schema with a property named "item") is read as data.
  const doc = data === "json" && isPostmanCandidate(text) ? readPostman(workspace, source) : undefined;
  if (doc) {
    workspace.parsedFiles.add(absPath);
    const validatorFaults = doc.testScripts.flatMap((unit) => analysis.tokenValidatorFaults(unit, true));
    return { payloads: doc.payloads, storedVariables: doc.storedVariables, validatorFaults, analysis };
  }
  if (data) {
    workspace.parsedFiles.add(absPath);
    return { payloads: [], storedVariables: [], validatorFaults: schemaFileFaults(workspace, source, data), analysis };
  }
  if (!flavourOf(absPath)) return undefined;
  const unit = workspace.unitAt(absPath, text);
  if (!unit) return undefined;
  let payloads: RuleContext["payloads"] | undefined;
  let validatorFaults: RuleContext["validatorFaults"] | undefined;
  return {
    get payloads() {
      return (payloads ??= finder.inUnit(unit));
    },
    storedVariables: [],
    get validatorFaults() {
      return (validatorFaults ??= analysis.tokenValidatorFaults(unit));
    },
    analysis,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function toFinding(rule: Rule, report: RuleReport): Finding {
  const severity: Severity = report.severity ?? rule.meta.severity;
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: report.messageId,
    severity,
    ...spanLocation(report.span),
    message: formatMessage(rule, report.messageId, report.data),
    docs: ruleDocsUrl(rule.meta.id),
  };
  const related = (report.related ?? [])
    .map((r) => ({ ...spanLocation(r.span), message: r.message }))
    // A related place that is the finding's own place says nothing.
    .filter((r) => !(r.file === finding.file && r.line === finding.line && r.column === finding.column))
    .map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message }));
  if (related.length) finding.relatedLocations = related;
  const fix = report.fix && toFix(report.fix, finding.file);
  if (fix) finding.fix = fix;
  const suggestions = (report.suggestions ?? []).map((s) => toFix(s, finding.file)).filter((s): s is Fix => !!s);
  if (suggestions.length) finding.suggestions = suggestions;
  return finding;
}
