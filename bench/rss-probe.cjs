// Preloaded with `node --require` when /usr/bin/time is missing: writes this process's peak RSS (kB) where the
// benchmark asked, as the process exits. CommonJS because --require cannot load an ES module on Node 20.
"use strict";
const fs = require("node:fs");

const target = process.env.BENCH_RSS_FILE;
if (target) {
  // Children of this process must not overwrite the report.
  delete process.env.BENCH_RSS_FILE;
  process.on("exit", () => {
    try {
      fs.writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // A report that cannot be written shows as "n/a"; it must not change the exit code being measured.
    }
  });
}
