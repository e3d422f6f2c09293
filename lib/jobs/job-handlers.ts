import { z } from "zod";
import { requestCorrelation } from "../correlate/request-correlation";
import { getEnv } from "../env";
import { resolveQuietIncidents } from "../incidents/resolve-quiet-incidents";
import { pushRemediation } from "../remediation/push-remediation";
import { verifyRemediation } from "../remediation/verify-remediation";
import { scoreIncident } from "../scoring/score-incident";
import type { TJobHandler } from "./schemas";

const ZNoPayload = z.strictObject({});
const ZIncidentPayload = z.object({ incidentId: z.number().int() });

/**
 * Every kind of background job and what runs it: adding a kind is one line here. Delivery is at
 * least once (a worker may die after the work but before marking it done), so each handler must
 * be idempotent, and each zod-parses its payload.
 */
export const JOB_HANDLERS = {
  "incidents.auto-resolve": async (payload, { now }) => {
    ZNoPayload.parse(payload);
    await resolveQuietIncidents(now, getEnv().FAULTLINE_AUTO_RESOLVE_QUIET_MINUTES);
  },
  // Correlates alerts a crashed process stored but never correlated; the pass runs in the background.
  "correlation.catch-up": async (payload) => {
    ZNoPayload.parse(payload);
    requestCorrelation();
  },
  // A GitOps apply's push: retried with backoff while git is unreachable.
  "remediation.push": (payload, context) => pushRemediation(payload, context),
  // The end of an apply's verification window: did the fix hold?
  "remediation.verify": (payload, context) => verifyRemediation(payload, context),
  // Ranks an incident's root-cause hypotheses again: re-armed as its alerts arrive.
  "scoring.score-incident": async (payload, { now }) => {
    await scoreIncident(ZIncidentPayload.parse(payload).incidentId, now);
  },
} satisfies Record<string, TJobHandler>;

export type TJobKind = keyof typeof JOB_HANDLERS;

export function isJobKind(kind: string): kind is TJobKind {
  return Object.hasOwn(JOB_HANDLERS, kind);
}

/** Jobs that re-arm themselves after each run: one row each, under RECURRING_JOB_KEY. */
export const RECURRING_JOBS: { kind: TJobKind; everySeconds: number }[] = [
  { kind: "incidents.auto-resolve", everySeconds: 5 },
  { kind: "correlation.catch-up", everySeconds: 5 },
];
export const RECURRING_JOB_KEY = "recurring";
