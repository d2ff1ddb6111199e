// Preloaded into benchmarked processes: reports the process's peak resident set size on exit.
const { writeFileSync } = require("node:fs");
const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
