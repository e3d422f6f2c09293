/** The timeline's line for an apply: what, by whom, how it went, and the hash it was pinned to. */
export function describeApply(input: {
  summary: string;
  actor: string;
  status: "pending" | "applied" | "dry-run" | "failed";
  message: string;
  diffHash: string;
}): string {
  const outcome = {
    pending: "requested",
    applied: "applied",
    "dry-run": "applied as a dry run",
    failed: "failed",
  }[input.status];
  return `${input.summary}: ${outcome} by ${input.actor}. ${input.message} (diff ${input.diffHash.slice(0, 12)})`;
}
