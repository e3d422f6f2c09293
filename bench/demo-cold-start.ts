// Time from `npm run demo` to the first incident list with incidents in it, on a new embedded
// database. With --rebuild the production build is removed first (a fresh clone after npm ci).
//   npx tsx bench/demo-cold-start.ts [--rebuild]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const rebuild = process.argv.includes("--rebuild");
const port = 3311;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-cold-"));
if (rebuild) fs.rmSync(".next", { recursive: true, force: true });

const started = performance.now();
const demo = spawn("npm", ["run", "demo"], {
  env: { ...process.env, PORT: String(port), FAULTLINE_DATA_DIR: dataDir, DATABASE_URL: "" },
  stdio: "ignore",
  detached: true,
});

let seconds = Number.NaN;
const deadline = Date.now() + 300_000;
while (Date.now() < deadline) {
  try {
    const html = await (await fetch(`http://localhost:${port}/incidents`)).text();
    if (html.includes('data-testid="incident-row"')) {
      seconds = (performance.now() - started) / 1000;
      break;
    }
  } catch {
    // not serving yet
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.kill(-(demo.pid as number), "SIGTERM");
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(
  `npm run demo → first incident list with incidents: ${seconds.toFixed(1)} s (${rebuild ? "including next build" : "build already present"})`,
);
