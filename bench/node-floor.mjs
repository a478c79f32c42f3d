#!/usr/bin/env node
// Node's own reading floor, as issue 8 measured it: list the files with fast-glob, read each one and test
// one regular expression of the keywords, on one thread. What any Node tool pays before it does any work;
// the benchmark times it beside rg so the tool's ratio to rg can be read against it.
// usage: node bench/node-floor.mjs <folder> <glob> <keyword>...
import fs from "node:fs";
import fg from "fast-glob";

const [root, glob, ...keywords] = process.argv.slice(2);
const escape = (word) => word.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// The tool's "^word" (word-start) is only a narrowing of the word: the floor looks for the word itself.
const pattern = new RegExp(keywords.map((k) => escape(k.replace(/^\^/, ""))).join("|"), "i");
let matched = 0;
for (const file of fg.sync(glob, { cwd: root, dot: true, absolute: true, onlyFiles: true, followSymbolicLinks: false })) {
  if (pattern.test(fs.readFileSync(file, "latin1"))) matched++;
}
process.stdout.write(`${matched}\n`);
