import path from "node:path";
import { z } from "zod";
import { ZOidcRoleMap } from "./auth/oidc/schemas";
import { ZServiceLabels } from "./ingest/read-service-labels";
import { parseSecretKey } from "./integrations/parse-secret-key";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalPositiveInt = z.coerce.number().int().positive().optional();

// Every variable; ZEnv adds the rules that span several of them.
const ZEnvFields = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  FAULTLINE_DATA_DIR: z.string().min(1).default(".faultline"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),

  // Webhook bodies: one default, overridable per source.
  FAULTLINE_WEBHOOK_MAX_BYTES: positiveInt(1024 * 1024),
  FAULTLINE_WEBHOOK_MAX_BYTES_ALERTMANAGER: optionalPositiveInt,
  FAULTLINE_WEBHOOK_MAX_BYTES_PAGERDUTY: optionalPositiveInt,
  FAULTLINE_WEBHOOK_MAX_BYTES_GRAFANA: optionalPositiveInt,
  FAULTLINE_WEBHOOK_MAX_BYTES_DATADOG: optionalPositiveInt,
  FAULTLINE_WEBHOOK_MAX_BYTES_GENERIC: optionalPositiveInt,

  // Labels that name an alert's service, first match wins; see README "Configuration".
  FAULTLINE_SERVICE_LABELS: ZServiceLabels,

  // Per integration and per app process: a token bucket refilled at this rate.
  FAULTLINE_RATE_LIMIT_PER_SECOND: positiveInt(200),
  FAULTLINE_RATE_LIMIT_BURST: positiveInt(1000),

  // Per client IP and per app process, before authentication: a token bucket. High by default,
  // so one busy Alertmanager (or bench/ingest.ts from 127.0.0.1) is never the one refused.
  FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(10000),
  FAULTLINE_WEBHOOK_IP_RATE_LIMIT_BURST: positiveInt(100000),
  // A Grafana signature's timestamp older than this (or as far in the future) is a replay.
  FAULTLINE_GRAFANA_SIGNATURE_MAX_AGE_SECONDS: positiveInt(300),

  // Every other JSON API route: body limit and handler deadline (503 with Retry-After after it).
  FAULTLINE_API_MAX_BYTES: positiveInt(1024 * 1024),
  FAULTLINE_API_TIMEOUT_SECONDS: positiveInt(30),

  // Hosts (host or host:port, comma-separated) catalog metadata may point Prometheus queries at.
  // Unset: loopback only (localhost, 127.0.0.1, [::1]).
  FAULTLINE_PROMETHEUS_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : value
            .split(",")
            .map((host) => host.trim().toLowerCase())
            .filter(Boolean),
    ),

  // Correlation: an alert joins an open incident whose services are within this many hops
  // (over critical edges), if the incident's last alert is at most the window old.
  FAULTLINE_CORRELATION_MAX_HOPS: z.coerce.number().int().min(0).max(10).default(2),
  FAULTLINE_CORRELATION_WINDOW_MINUTES: positiveInt(10),
  FAULTLINE_INCIDENT_MAX_LIFETIME_HOURS: positiveInt(4),
  // An incident whose alerts have all resolved and stayed resolved this long is resolved.
  FAULTLINE_AUTO_RESOLVE_QUIET_MINUTES: positiveInt(5),
  // After a remediation is applied, how long to wait before saying whether the fix held.
  FAULTLINE_VERIFY_MINUTES: positiveInt(10),

  // Bootstraps the first admin: at start, admin user bootstrap@localhost gets this as an API
  // token if no token has it yet. Create real users and tokens with it, then unset it.
  FAULTLINE_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Sign-in: pages and read APIs need it unless this is true (read-only wallboards).
  FAULTLINE_ANONYMOUS_READ: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  FAULTLINE_SESSION_HOURS: positiveInt(12),
  // Wrong passwords in a row before an account locks, and for how long.
  FAULTLINE_SIGN_IN_MAX_FAILURES: positiveInt(5),
  FAULTLINE_SIGN_IN_LOCKOUT_MINUTES: positiveInt(15),
  // Sign-in attempts per client IP per minute, whatever the account.
  FAULTLINE_SIGN_IN_PER_IP_PER_MINUTE: positiveInt(20),
  // Where browsers reach Faultline (https://faultline.example.com): the one Origin mutations may
  // come from besides the request's own host, and the base of the OIDC redirect URL.
  FAULTLINE_PUBLIC_URL: z.string().url().optional(),

  // OpenID Connect single sign-on; all three turn it on.
  FAULTLINE_OIDC_ISSUER: z.string().url().optional(),
  FAULTLINE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  FAULTLINE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // The ID token / userinfo claim holding groups or roles, and how its values map onto roles:
  // "sre-admins=admin,sre=responder". Users matching none get the default role.
  FAULTLINE_OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  FAULTLINE_OIDC_ROLE_MAP: ZOidcRoleMap,
  FAULTLINE_OIDC_DEFAULT_ROLE: z.enum(["viewer", "responder", "lead", "admin"]).default("viewer"),

  // 32 random bytes: encrypts the HMAC signing secrets at rest (pagerduty, grafana, generic) and
  // seals session cookies; `npm run demo` generates one. See README.
  FAULTLINE_SECRET_KEY: z
    .string()
    .transform((value, context) => {
      try {
        return parseSecretKey(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),

  // Where an approved remediation goes: dry-run records it, gitops commits and pushes it to
  // FAULTLINE_GITOPS_REPO (https, ssh or a local path) for Argo CD / Flux to roll out.
  FAULTLINE_EXECUTOR: z.enum(["dry-run", "gitops"]).default("dry-run"),
  FAULTLINE_GITOPS_REPO: z.string().min(1).optional(),
  FAULTLINE_GITOPS_BRANCH: z.string().min(1).default("main"),
  // The directory inside the repository the manifests live in; empty is the root.
  FAULTLINE_GITOPS_PATH: z.string().default(""),
  FAULTLINE_GITOPS_WORKDIR: z.string().min(1).default(".faultline/gitops"),
  FAULTLINE_GITOPS_USERNAME: z.string().min(1).optional(),
  // Secret: handed to git through GIT_ASKPASS's environment only; never log or print it.
  FAULTLINE_GITOPS_TOKEN: z.string().min(1).optional(),
  FAULTLINE_GITOPS_AUTHOR_NAME: z.string().min(1).default("Faultline"),
  FAULTLINE_GITOPS_AUTHOR_EMAIL: z.string().min(1).default("faultline@localhost"),
  FAULTLINE_GITOPS_TIMEOUT_SECONDS: positiveInt(30),

  // The demo's integrations (npm run demo) authenticate with these.
  FAULTLINE_DEMO_WEBHOOK_TOKEN: z.string().min(8).default("faultline-demo-token"),
  FAULTLINE_DEMO_PAGERDUTY_SECRET: z.string().min(8).default("faultline-demo-pagerduty-secret"),
  // The demo's users (one per role: viewer@, responder@, lead@, admin@faultline.demo) and tokens.
  FAULTLINE_DEMO_PASSWORD: z.string().min(8).default("faultline-demo"),
  FAULTLINE_DEMO_VIEWER_TOKEN: z.string().min(16).default("flt_demo_viewer_token_0000000000"),
  FAULTLINE_DEMO_RESPONDER_TOKEN: z.string().min(16).default("flt_demo_responder_token_00000000"),
  FAULTLINE_DEMO_LEAD_TOKEN: z.string().min(16).default("flt_demo_lead_token_000000000000"),
  FAULTLINE_DEMO_ADMIN_TOKEN: z.string().min(16).default("flt_demo_admin_token_00000000000"),
});

const ZEnv = ZEnvFields.superRefine((env, context) => {
  if (env.FAULTLINE_EXECUTOR === "gitops" && !env.FAULTLINE_GITOPS_REPO) {
    context.addIssue({
      code: "custom",
      path: ["FAULTLINE_GITOPS_REPO"],
      message: "required when FAULTLINE_EXECUTOR=gitops (the repository to commit remediations to)",
    });
  }
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated environment; a bad value fails once, loudly, naming the variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the cached environment, so a test that stubs a variable is read afresh. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Validates an environment; getEnv's work, without the cache. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/** Where the embedded database keeps its files. */
export function getPgliteDataDir(env: Env = getEnv()): string {
  return path.resolve(env.FAULTLINE_DATA_DIR, "db");
}

function emptyToUndefined(
  source: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) result[key] = value === "" ? undefined : value;
  return result;
}
