import { once } from "node:events";
import fs from "node:fs";
import type { Writable } from "node:stream";
import { exportAudit } from "../lib/audit/export-audit";
import { getCliContext } from "../lib/auth/get-cli-context";
import { parseCliTime } from "./lib/parse-cli-time";
import { readCommandArgs, UsageError } from "./lib/read-cli-input";

export const AUDIT_HELP = `faultline audit export [--since <time>] [--until <time>] [--actor <a>] [--action <x>] [--out <file>]

  Every matching audit entry, oldest first, one JSON object per line, to stdout or --out.
  time: an ISO timestamp (2026-01-31, 2026-01-31T09:30Z; UTC without a zone) or an age: 30m, 24h, 7d, 2w
  --actor matches part of the actor ("alice@", "token ci"); --action is exact (user.update)
  Progress goes to stderr every 1,000 entries when the entries go to a file or a pipe.`;

const PROGRESS_EVERY = 1_000;

/** Checks the arguments before any database opens; returns the work to do once one is. */
export function prepareAuditCommand(args: string[], now = new Date()): () => Promise<void> {
  const { positionals, values } = readCommandArgs(args, {
    since: { type: "string" },
    until: { type: "string" },
    actor: { type: "string" },
    action: { type: "string" },
    out: { type: "string" },
  });
  const [action] = positionals;
  if (action !== "export") throw new UsageError(`unknown audit action "${action ?? ""}": export`);
  const since = readTimeOption("--since", values.since, now);
  const until = readTimeOption("--until", values.until, now);
  if (since && until && since >= until) {
    throw new UsageError(
      `--since (${since.toISOString()}) must be before --until (${until.toISOString()})`,
    );
  }
  const query = {
    since,
    until,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
  };
  return () => runExport(query, values.out);
}

async function runExport(
  query: { since?: Date; until?: Date; actor?: string; action?: string },
  outPath: string | undefined,
): Promise<void> {
  const out: Writable = outPath ? fs.createWriteStream(outPath, { flags: "w" }) : process.stdout;
  if (outPath) {
    await once(out, "open").catch((error: Error) => {
      throw new UsageError(`--out: ${error.message}`);
    });
  }
  // A terminal shows the entries themselves; a file or a pipe gets a count on stderr instead.
  const isProgressShown = Boolean(outPath) || !process.stdout.isTTY;
  const written = await exportAudit(
    getCliContext(),
    query,
    (line) => writeLine(out, line),
    (count) => {
      if (isProgressShown && count > 0 && count % PROGRESS_EVERY === 0) {
        console.error(`exported ${count.toLocaleString("en-US")} entries…`);
      }
    },
  );
  if (outPath) {
    out.end();
    await once(out, "finish");
  }
  const entries = `${written.toLocaleString("en-US")} ${written === 1 ? "entry" : "entries"}`;
  console.error(`exported ${entries}${outPath ? ` to ${outPath}` : ""}`);
}

function readTimeOption(name: string, text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return undefined;
  const time = parseCliTime(text, now);
  if (!time) {
    throw new UsageError(
      `${name}: "${text}" is not a time; give an ISO timestamp (2026-01-31T09:30Z) or an age (30m, 24h, 7d)`,
    );
  }
  return time;
}

// Waits when the stream's buffer is full, so a long export never sits in memory whole.
async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, "drain");
}
