#!/usr/bin/env node
// This workplace's npm mirror lacks some platform builds (e.g. @next/swc-darwin-*), so npm leaves
// them out of package-lock.json and `npm ci` then refuses the lockfile as out of sync. This adds a
// stub entry (name, version, os/cpu/libc from the name, optional) for each missing optional
// dependency, which npm skips on other platforms. Run after `npm install` changes the lockfile.
import fs from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const packages = lock.packages;
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "sunos", "aix", "netbsd"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64"];
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const parts = name.split("/").pop().split("-");
    const os = parts.find((part) => OS.includes(part));
    const cpu = parts.find((part) => CPU.includes(part));
    if (!os || !cpu) {
      console.warn(`skipping ${name}: cannot tell its platform from the name`);
      continue;
    }
    packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      dev: entry.dev || undefined,
      ...(parts.includes("musl")
        ? { libc: ["musl"] }
        : parts.includes("gnu")
          ? { libc: ["glibc"] }
          : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} missing platform entries`);
