// Every rule documents itself completely, and the generated docs and README table are up to date.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ruleMarkdown } from "../src/explain.js";
import { readmeWithTable } from "../src/tools/write-docs.js";
import { rules } from "../rules/index.js";
import { REPO_ROOT } from "./support/cli.js";

describe("rule metadata", () => {
  for (const rule of rules) {
    it(`${rule.meta.id}: docs, messages and first-pass words`, () => {
      const { docs, messages, needs } = rule.meta;
      for (const [section, text] of Object.entries(docs)) assert.ok(text.trim().length > 20, `${section} is written`);
      assert.ok(needs.length && needs.every((group) => group.length), "declares the words its first pass needs");
      for (const [id, text] of Object.entries(messages)) {
        assert.match(text, /19 June 2026/, `message ${id} says since when the rule is in force`);
      }
      const file = path.join(REPO_ROOT, "docs/rules", `${rule.meta.id}.md`);
      assert.equal(fs.readFileSync(file, "utf8"), ruleMarkdown(rule), "docs/rules is regenerated (npm run docs)");
    });
  }

  it("the README's rule table is current", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    assert.equal(readme, readmeWithTable(readme), "run npm run docs");
  });
});
