import { BOOTSTRAP_ADMIN_EMAIL, bootstrapAdmin } from "./auth/bootstrap-admin";
import { getDb } from "./db";
import { getEnv } from "./env";
import { startJobWorker } from "./jobs/start-job-worker";
import { processWide } from "./process-wide";

/**
 * Opens and migrates the database before the first request, then starts the job worker: the one
 * background loop (lib/jobs), which among its jobs correlates alerts a crashed process stored but
 * never correlated, and resolves quiet incidents.
 */
export async function startBackgroundWork(): Promise<void> {
  // Once per process: the production server starts it, then Next's instrumentation (a second
  // copy of this module, bundled by Next) would start it again.
  const started = processWide("background-work", () => ({ isStarted: false }));
  if (started.isStarted) return;
  started.isStarted = true;
  if (process.env.NODE_ENV === "production" && !getEnv().FAULTLINE_SECRET_KEY) {
    console.warn(
      "[faultline] WARNING: FAULTLINE_SECRET_KEY is not set. Token integrations work, but pagerduty, " +
        "grafana and generic integrations (HMAC signing secrets, stored encrypted) cannot be created " +
        "or used. Set it to 32 random bytes: openssl rand -base64 32",
    );
  }
  try {
    const db = await getDb();
    console.log(`[faultline] database ready (${db.target.kind})`);
    // Two processes starting together race here; the loser's unique violation is harmless.
    await bootstrapAdmin().then(
      (isCreated) =>
        isCreated &&
        console.log(
          `[faultline] FAULTLINE_ADMIN_TOKEN is the API token of ${BOOTSTRAP_ADMIN_EMAIL}`,
        ),
      () => undefined,
    );
  } catch (error) {
    // Serve anyway: requests answer 503 until the database is reachable, then migrate on first use.
    console.error("[faultline] database not ready at start:", error);
  }
  startJobWorker();
}
