import http from "node:http";
import { percentile } from "./server";

export type PacedRun = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** p99 measured from when the request actually went out: the load generator's own lag removed. */
  p99FromSend: number;
  errors: number;
  non2xx: number;
};

/**
 * An open-loop load at a fixed rate, one request every 1000/rate ms, the way a fleet of senders
 * on their own timers arrives. autocannon's `overallRate` is not that: each connection sends its
 * share of a second's requests back to back as the second starts and then idles (httpClient.js,
 * reqsMadeThisSecond), so "half load" arrives as a full-speed burst every second. It also
 * "corrects" latencies with an expected interval of ceil(1/rate) (seconds read as ms: 1 ms).
 *
 * Latency runs from when a request was due, not when it went out: if the client or a busy
 * connection holds a request back, that wait counts against the server (no coordinated omission).
 */
export async function pacedLoad(options: {
  url: string;
  headers: Record<string, string>;
  makeBody: () => string;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<PacedRun> {
  const { url, headers, makeBody, rate, seconds, connections } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const fromSend: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const send = (body: string, due: number) =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const request = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...headers,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            const done = performance.now();
            latencies.push(done - due);
            fromSend.push(done - sent);
            if ((response.statusCode ?? 0) >= 300) non2xx++;
            resolve();
          });
        },
      );
      request.on("error", () => {
        errors++;
        resolve();
      });
      request.end(body);
    });

  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(makeBody(), due));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: sorted.length / elapsedSeconds,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    p99FromSend: Math.round(
      percentile(
        fromSend.sort((a, b) => a - b),
        99,
      ),
    ),
    errors,
    non2xx,
  };
}
