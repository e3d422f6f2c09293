import { randomBytes } from "node:crypto";
import os from "node:os";
import { processWide } from "../process-wide";

/** Names this process in `locked_by`, so a look at the jobs table shows who holds which lease. */
export function getWorkerId(): string {
  return processWide(
    "job-worker-id",
    () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
  );
}
