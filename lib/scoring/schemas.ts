/**
 * Shared shapes of root-cause scoring. A hypothesis is a service, optionally with one of its
 * change events; its features are plain numbers; the model turns them into
 * P(this hypothesis is the incident's confirmed cause).
 */

/** A candidate cause as the pure feature code sees it: plain data, from the live graph or the simulator. */
export type TCandidate = {
  serviceId: number;
  slug: string;
  /** 1 = most critical; null when the catalog does not say. */
  tier: number | null;
  state: "red" | "amber" | "gray";
  /** Alerts on this service in the incident. */
  alertCount: number;
  /** Latest signals, null when missing (missing is itself informative). */
  errorRate: number | null;
  latencyP99Ms: number | null;
  isOrigin: boolean;
  /** Hops from the origin along dependencies (origin 0); null when not reachable. */
  hopDistance: number | null;
  /** Red services that depend on this one, directly or through others. */
  redDependents: number;
  /** True when it is a common-cause candidate: a shared dependency of several red services. */
  isSharedDependency: boolean;
  /** The change this hypothesis blames, or null for "this service, no recent change". */
  change: { id: number | null; kind: "deploy" | "config" | "flag" | "other"; at: Date } | null;
  /** This service's incidents in the 90 days before this one. */
  priorIncidents: number;
  /** Of those, how many were confirmed caused by it, with a similar symptom (same alert names). */
  priorConfirmedSimilar: number;
  /** Declared batch / cron schedules (catalog metadata). */
  schedules: TSchedule[];
};

/**
 * A declared batch or cron job: "0 2 * * *" for 45 minutes, in UTC unless timeZone says otherwise.
 * Catalogs carry it as service metadata, validated by ZSchedule in lib/catalog/schemas.ts.
 */
export type TSchedule = { name: string; cron: string; durationMinutes: number; timeZone?: string };

/** What every candidate of one incident shares. */
export type TIncidentContext = {
  /** The sender's start time of the incident's first alert. */
  firstAlertAt: Date;
  /** The incident's alert names, for "similar symptom". */
  alertNames: string[];
};

/** One candidate's features: name → number. Names are stable: they are the model's columns. */
export type TFeatures = Record<string, number>;

/** One row of a training or scoring table: an incident's candidate. */
export type TFeatureRow = {
  /** The incident (group) the row belongs to. */
  group: string;
  /** When the incident started (ms since epoch): the split is by time. */
  time: number;
  /** 1 for the confirmed cause, 0 otherwise; null when scoring. */
  label: 0 | 1 | null;
  features: TFeatures;
};

export type TScaler = { means: number[]; stds: number[] };

export type TLogisticFit = {
  /** On standardised features, in featureNames order. */
  weights: number[];
  intercept: number;
  lambda: number;
  iterations: number;
  converged: boolean;
};

export type TCalibrator =
  | { kind: "none" }
  | { kind: "platt"; a: number; b: number }
  | { kind: "isotonic"; thresholds: number[]; values: number[] };

/** Everything needed to score a row again, stored as one model version. */
export type TModelParameters = {
  featureNames: string[];
  scaler: TScaler;
  fit: TLogisticFit;
  calibrator: TCalibrator;
};

export type TReliabilityBin = {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
  /** 95% bootstrap interval of the observed rate. */
  interval: [number, number];
};

export type TMetrics = {
  rows: number;
  groups: number;
  eceEqualWidth: number;
  eceEqualMass: number;
  mce: number;
  brier: number;
  logLoss: number;
  top1: number;
  top3: number;
  reliability: TReliabilityBin[];
  /** Predicted-probability histogram: 10 equal-width bins. */
  histogram: number[];
};

export type TDataWindow = { from: string; to: string; rows: number; groups: number };

/** The JSON training report (also stored with the version). */
export type TTrainReport = {
  featureNames: string[];
  lambda: number;
  calibrator: TCalibrator["kind"];
  windows: { train: TDataWindow; calibrate: TDataWindow; heldOut: TDataWindow };
  /** All on the held-out part. */
  heldOut: {
    uncalibrated: TMetrics;
    calibrated: TMetrics;
    baseRate: TMetrics;
    baselineRanking: TMetrics;
  };
  calibration: { plattLogLoss: number; isotonicLogLoss: number | null };
  /** The single feature behind heldOut.baselineRanking. */
  baselineFeature?: string;
  /** Mean out-of-fold log loss of each lambda tried on the training part. */
  crossValidation?: { lambda: number; logLoss: number }[];
};

export type TTrainedModel = { parameters: TModelParameters; report: TTrainReport };

/** What the history generator simulates on: services with their schedules; from depends on to. */
export type TTopology = {
  services: { id: number; slug: string; tier: number | null; schedules: TSchedule[] }[];
  dependencies: { from: number; to: number }[];
};

/** Why a simulated incident happened: a regressing change, a batch job, or a dependency failing on its own. */
export type TIncidentStory = "deploy" | "batch" | "dependency";

/** One generated incident: what the product would have seen at the first alert, and its true cause. */
export type TSimulatedIncident = {
  id: string;
  firstAlertAt: Date;
  cause: { serviceId: number; changeId: number | null; story: TIncidentStory };
  context: TIncidentContext;
  candidates: TCandidate[];
  /** The candidate that is the cause (its service with its change, or with none). */
  labelIndex: number;
};

/** Where a version's training rows came from: the stored history, or a table (its file name). */
export type TModelSource = "database" | `csv:${string}`;

/** One stored, trained model version. */
export type TModelVersion = {
  id: number;
  createdAt: Date;
  createdBy: string;
  source: string;
  parameters: TModelParameters;
  report: TTrainReport;
  isPromoted: boolean;
  promotedAt: Date | null;
  promotedBy: string | null;
};

/** Where a training row came from: the simulator, a responder's confirmed cause, or a table. */
export type TTrainingRowSource = "simulated" | "confirmed" | "csv";
