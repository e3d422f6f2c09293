import { POST as postChange } from "@/app/api/changes/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import type { TChangeBody } from "@/lib/changes/schemas";
import { buildDemoSequence } from "@/lib/scenarios/demo-sequence";
import { buildOrderServiceRelease } from "@/lib/scenarios/order-service-release";
import { bearer, createTestIntegration } from "./integrations";
import { jsonRequest, settleCorrelation } from "./requests";

export type TStormSenders = {
  /** Posts a change event through POST /api/changes, `minutesAgo` before `now`. */
  postChange(
    body: Omit<TChangeBody, "at" | "files"> & Partial<TChangeBody>,
    minutesAgo: number,
  ): Promise<void>;
};

/**
 * The demo's story: order-service v41 three days ago, v42 8 min ago, then the replayed storm
 * (its first alert 4 min after v42), correlated.
 */
export async function seedOrderServiceStorm(now = new Date()): Promise<TStormSenders> {
  const changes = (await createTestIntegration("changes")).secret;
  const alerts = (await createTestIntegration("alertmanager")).secret;
  const senders: TStormSenders = {
    async postChange(body, minutesAgo) {
      const at = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
      const response = await postChange(
        jsonRequest("/api/changes", { files: [], ...body, at }, bearer(changes)),
      );
      // A plain throw, not vitest's expect: bench/ seeds the same story outside vitest.
      if (response.status !== 201)
        throw new Error(`/api/changes answered ${response.status}: ${await response.text()}`);
    },
  };
  for (const [version, minutesAgo] of [
    ["v41", 3 * 24 * 60],
    ["v42", 8],
  ] as const) {
    await senders.postChange(
      {
        service: "order-service",
        kind: "deploy",
        version,
        files: buildOrderServiceRelease(version),
      },
      minutesAgo,
    );
  }
  for (const delivery of buildDemoSequence(now)) {
    await postAlertmanager(
      jsonRequest("/api/webhooks/alertmanager", delivery.payload, bearer(alerts)),
    );
  }
  await settleCorrelation();
  return senders;
}
