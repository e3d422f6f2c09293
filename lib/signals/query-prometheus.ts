import { z } from "zod";

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
const CACHE_SECONDS = 15;
const cache = new Map<string, { at: number; value: number | null }>();

/**
 * The first value of an instant query against a Prometheus HTTP API, or null when it has no
 * answer in time: a slow or broken metrics source must not hold up the incident page.
 */
export async function queryPrometheusValue(
  baseUrl: string,
  query: string,
  now = Date.now(),
): Promise<number | null> {
  const key = `${baseUrl}\u0000${query}`;
  const cached = cache.get(key);
  if (cached && now - cached.at < CACHE_SECONDS * 1000) return cached.value;
  let value: number | null = null;
  try {
    const url = new URL("api/v1/query", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
    url.searchParams.set("query", query);
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const parsed = ZQueryResponse.safeParse(await response.json());
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
