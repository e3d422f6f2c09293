import type { TExecutorRequest } from "./schemas";

/** First line the summary; the last paragraph git trailers tying the commit back to Faultline. */
export function formatCommitMessage(request: TExecutorRequest): string {
  const summary = request.summary.split(/\r?\n/)[0]?.trim() || `${request.kind} ${request.service}`;
  const incident =
    request.incidentUrl ?? (request.incidentId === null ? null : String(request.incidentId));
  const trailers = [
    ...(incident === null ? [] : [`Faultline-Incident: ${incident}`]),
    `Faultline-Remediation: ${request.remediationId}`,
    `Faultline-Diff-Hash: ${request.diffHash}`,
  ];
  const body = `Applied by Faultline: ${request.kind} of ${request.service}.`;
  return `${summary}\n\n${body}\n\n${trailers.join("\n")}\n`;
}
