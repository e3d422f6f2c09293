export type TDatadogBody = {
  /** The message without Datadog's %%% markdown fences. */
  description: string | null;
  /** Its first line that says something: not a mention, a bare link, an empty field or the footer. */
  summary: string | null;
  monitorUrl: string | null;
  monitorId: string | null;
  /** The group in the monitor link's query, e.g. "service:api". */
  group: string | null;
};

const MAX_SUMMARY_LENGTH = 500;
const MONITOR_STATUS_LINK = /\[Monitor Status\]\((https?:\/\/[^)\s]+)\)/;
// Old links read monitors#123, newer ones monitors/123?group=...
const MONITOR_LINK = /\/monitors[#/](\d+)(?:\?([^)\s]*))?/;
const UNINFORMATIVE_LINE = [
  /^%%%$/,
  /^(?:@\S+\s*)+$/, // notification handles
  /^https?:\/\/\S+$/,
  /^[\w.@-]+:\s*$/, // a template field whose variable was empty
  /^-( -)+$/,
  /^\[\[/, // Datadog's footer of links
];

/** Reads what Datadog's $EVENT_MSG body tells beyond the title. */
export function readDatadogBody(body: string): TDatadogBody {
  const description = body.replace(/^\s*%%%\s*|\s*%%%\s*$/g, "").trim() || null;
  const summary = body
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line && !UNINFORMATIVE_LINE.some((pattern) => pattern.test(line)));
  const monitorLink = MONITOR_LINK.exec(body);
  return {
    description,
    summary: summary ? summary.slice(0, MAX_SUMMARY_LENGTH) : null,
    monitorUrl: MONITOR_STATUS_LINK.exec(body)?.[1] ?? null,
    monitorId: monitorLink?.[1] ?? null,
    group: readGroupParameter(monitorLink?.[2]),
  };
}

function readGroupParameter(query: string | undefined): string | null {
  if (!query) return null;
  return new URLSearchParams(query).get("group")?.trim() || null;
}
