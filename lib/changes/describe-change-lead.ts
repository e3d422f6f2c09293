/** "order-service deploy v42, 4 min before the first alert": how a change lines up with an incident. */
export function describeChangeLead(
  change: { service: string; kind: string; version: string | null; at: Date },
  firstAlertAt: Date,
): string {
  const name = [change.service, change.kind, change.version].filter(Boolean).join(" ");
  const minutes = Math.round((firstAlertAt.getTime() - change.at.getTime()) / 60_000);
  if (minutes === 0) return `${name}, at the first alert`;
  const span = formatSpan(Math.abs(minutes));
  return minutes > 0
    ? `${name}, ${span} before the first alert`
    : `${name}, ${span} after the first alert`;
}

function formatSpan(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
