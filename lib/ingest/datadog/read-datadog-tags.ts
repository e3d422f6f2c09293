/**
 * Turns Datadog tags ("service:api", "env:prod", "team") into labels: the key is what precedes
 * the first colon; a bare tag becomes tag_<name>="true". Repeated keys keep every value.
 */
export function readDatadogTags(tags: string[]): Record<string, string> {
  // A Map, because tag keys are the sender's words ("constructor" included).
  const labels = new Map<string, string>();
  for (const tag of tags) {
    const colon = tag.indexOf(":");
    const key = colon === -1 ? `tag_${tag}` : tag.slice(0, colon).trim();
    const value = colon === -1 ? "true" : tag.slice(colon + 1).trim();
    if (!key || !value) continue;
    const previous = labels.get(key)?.split(",") ?? [];
    labels.set(key, previous.includes(value) ? previous.join(",") : [...previous, value].join(","));
  }
  return Object.fromEntries(labels);
}

/** One spelling per group, whatever order its tags came in: "env:prod,service:api". */
export function toDatadogGroup(tags: string[]): string | null {
  const sorted = [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))].sort();
  return sorted.length ? sorted.join(",") : null;
}
