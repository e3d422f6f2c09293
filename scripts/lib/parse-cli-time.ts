const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const AGE = /^(?<amount>\d{1,6})(?<unit>[mhdw])$/;
const ISO =
  /^(?<day>\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?<zone>Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A CLI time: an ISO timestamp (2026-01-31, 2026-01-31T09:30Z; no zone means UTC) or an age
 * before `now` (30m, 24h, 7d, 2w). Null when it is neither, or names a day that does not exist.
 */
export function parseCliTime(text: string, now: Date): Date | null {
  const trimmed = text.trim();
  const age = AGE.exec(trimmed)?.groups;
  if (age?.amount && age.unit) {
    return new Date(now.getTime() - Number(age.amount) * (UNIT_MS[age.unit] ?? 0));
  }
  const iso = ISO.exec(trimmed)?.groups;
  if (!iso?.day) return null;
  // Date rolls 2026-02-30 over into March; a day that does not exist is a typo, not a time.
  const midnight = new Date(`${iso.day}T00:00Z`);
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== iso.day) {
    return null;
  }
  const isDateOnly = trimmed === iso.day;
  const parsed = new Date(isDateOnly || iso.zone ? trimmed : `${trimmed}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
