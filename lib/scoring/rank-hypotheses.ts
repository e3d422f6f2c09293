import { describeTopFeatures } from "./describe-top-features";
import { extractFeatures } from "./extract-features";
import type { TCandidate, TFeatures, TIncidentContext, TModelParameters } from "./schemas";
import { contributionsOf, scoreFeatures } from "./score-features";

export type THypothesis = {
  candidate: TCandidate;
  features: TFeatures;
  /** P(this is the confirmed cause) from the promoted model; null when there is none. */
  probability: number | null;
  uncalibrated: number | null;
  /** The two or three features that moved it most, in words. */
  explanation: string[];
  rank: number;
};

// Without a trained model: a plain ordering, never shown as a percentage.
const UNSCORED_WEIGHTS: Record<string, number> = {
  has_change: 2,
  in_batch_window: 2,
  is_origin: 1,
  is_red: 1,
  is_shared_dependency: 1,
};

/** The incident's hypotheses, best first: by the promoted model's probability, or unscored. */
export function rankHypotheses(input: {
  candidates: TCandidate[];
  context: TIncidentContext;
  parameters: TModelParameters | null;
}): THypothesis[] {
  const features = input.candidates.map((candidate) => extractFeatures(candidate, input.context));
  const scored = input.parameters ? scoreFeatures(input.parameters, features) : null;
  const hypotheses = input.candidates.map((candidate, index) => {
    const own = features[index] as TFeatures;
    const contributions = input.parameters
      ? contributionsOf(input.parameters, own)
      : Object.fromEntries(
          Object.entries(UNSCORED_WEIGHTS).map(([name, weight]) => [
            name,
            weight * (own[name] ?? 0),
          ]),
        );
    const unscored = Object.values(contributions).reduce((sum, value) => sum + value, 0);
    return {
      candidate,
      features: own,
      probability: scored ? (scored.probability[index] ?? null) : null,
      uncalibrated: scored ? (scored.uncalibrated[index] ?? null) : null,
      explanation: describeTopFeatures(contributions, candidate, input.context),
      order: scored ? (scored.probability[index] ?? 0) : unscored + candidate.alertCount / 1_000,
    };
  });
  return hypotheses
    .sort((a, b) => b.order - a.order || a.candidate.slug.localeCompare(b.candidate.slug))
    .map(({ order, ...hypothesis }, index) => ({ ...hypothesis, rank: index + 1 }));
}

export type TConfidenceNote = { level: "unscored" | "unsure" | "confident"; message: string };

export const UNSURE_BELOW = 0.5;
export const CLOSE_WITHIN = 0.1;

/** What to tell the responder about the top hypothesis before they act on it. */
export function describeConfidence(
  hypotheses: Pick<THypothesis, "probability">[],
): TConfidenceNote {
  const [top, second] = hypotheses;
  if (!top || top.probability === null)
    return {
      level: "unscored",
      message: "No calibrated model yet: these hypotheses are ordered by simple rules, not scored.",
    };
  const percent = Math.round(top.probability * 100);
  if (top.probability < UNSURE_BELOW)
    return {
      level: "unsure",
      message: `Faultline is not sure: the top hypothesis is at ${percent}%. Investigate before acting.`,
    };
  if (
    second?.probability !== null &&
    second !== undefined &&
    top.probability - second.probability < CLOSE_WITHIN
  )
    return {
      level: "unsure",
      message: `Faultline is not sure: the top two hypotheses are close (${percent}% and ${Math.round(
        (second.probability ?? 0) * 100,
      )}%). Investigate before acting.`,
    };
  return {
    level: "confident",
    message: `The top hypothesis is right about ${percent}% of the time at this confidence.`,
  };
}
