import type { Writable } from "node:stream";

const WIDTH = 24;

/**
 * A progress bar on stderr for onProgress(step, fraction). A terminal redraws one line; a file or
 * a pipe gets a line per step and per quarter, so logs stay short.
 */
export function createProgressBar(out: Writable & { isTTY?: boolean } = process.stderr) {
  let lastStep = "";
  let lastQuarter = -1;
  const bar = (step: string, fraction: number) => {
    const clamped = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(clamped * WIDTH);
    return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}% ${step}`;
  };
  return {
    update(step: string, fraction: number): void {
      if (out.isTTY) {
        out.write(`\r\x1b[2K${bar(step, fraction)}`);
        return;
      }
      const quarter = Math.floor(Math.min(1, Math.max(0, fraction)) * 4);
      if (step === lastStep && quarter === lastQuarter) return;
      lastStep = step;
      lastQuarter = quarter;
      out.write(`${bar(step, fraction)}\n`);
    },
    done(): void {
      if (out.isTTY) out.write("\n");
    },
  };
}
