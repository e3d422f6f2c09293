import { waitForCorrelationIdle } from "../../lib/correlate/request-correlation";
import { correlatePendingAlerts } from "../../lib/correlate/run-correlation";

export function jsonRequest(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function getRequest(url: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, { headers });
}

/** Waits for background passes, then runs one more, so every stored alert has been correlated. */
export async function settleCorrelation(): Promise<void> {
  await waitForCorrelationIdle();
  await correlatePendingAlerts();
}

/** Route handlers' second argument for dynamic segments. */
export function routeParams<T extends Record<string, string>>(params: T): { params: Promise<T> } {
  return { params: Promise.resolve(params) };
}
