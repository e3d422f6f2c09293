import { z } from "zod";
import { getEnv } from "../env";
import { readStreamAtMost } from "../ingest/read-webhook-body";
import { isAllowedPrometheusHost, LOOPBACK_HOSTS } from "./is-allowed-prometheus-host";

const ZQueryResponse = z.object({
  status: z.literal("success"),
  data: z.union([
    z.object({
      resultType: z.literal("vector"),
      result: z.array(z.object({ value: z.tuple([z.number(), z.string()]) })),
    }),
    z.object({ resultType: z.literal("scalar"), result: z.tuple([z.number(), z.string()]) }),
  ]),
});

const TIMEOUT_MS = 1_500;
// An instant query's answer is a few hundred bytes; anything near this is not Prometheus.
const MAX_RESPONSE_BYTES = 1024 * 1024;
const CACHE_SECONDS = 15;
const cache = new Map<string, { at: number; value: number | null }>();

/**
 * The first value of an instant query against a Prometheus HTTP API, or null when it has no
 * answer in time: a slow or broken metrics source must not hold up the incident page. Only hosts
 * on the allowlist are asked, a redirect is a failure, and the answer is read up to 1 MiB.
 */
export async function queryPrometheusValue(
  baseUrl: string,
  query: string,
  now = Date.now(),
  allowedHosts: readonly string[] = getEnv().FAULTLINE_PROMETHEUS_ALLOWED_HOSTS ?? LOOPBACK_HOSTS,
): Promise<number | null> {
  const key = `${baseUrl}\u0000${query}`;
  const cached = cache.get(key);
  if (cached && now - cached.at < CACHE_SECONDS * 1000) return cached.value;
  let value: number | null = null;
  try {
    const url = new URL("api/v1/query", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
    url.searchParams.set("query", query);
    if (!isAllowedPrometheusHost(url, allowedHosts))
      throw new Error(`${url.host} is not in FAULTLINE_PROMETHEUS_ALLOWED_HOSTS`);
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const response = await fetch(url, { signal, redirect: "manual" });
    if (response.status !== 200) {
      await response.body?.cancel();
      const isRedirect = response.status >= 300 && response.status < 400;
      throw new Error(
        `answered ${response.status}${isRedirect ? " (redirects are not followed)" : ""}`,
      );
    }
    const bytes = await readStreamAtMost(response.body, MAX_RESPONSE_BYTES);
    const parsed = ZQueryResponse.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (parsed.success) {
      const raw =
        parsed.data.data.resultType === "scalar"
          ? parsed.data.data.result[1]
          : parsed.data.data.result[0]?.value[1];
      const number = raw === undefined ? Number.NaN : Number(raw);
      value = Number.isFinite(number) ? number : null;
    }
  } catch (error) {
    console.error(
      `[signals] Prometheus query failed (${baseUrl}):`,
      error instanceof Error ? error.message : error,
    );
  }
  cache.set(key, { at: now, value });
  return value;
}
