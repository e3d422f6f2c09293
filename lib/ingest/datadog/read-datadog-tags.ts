/**
 * Turns Datadog tags ("service:api", "env:prod", "team") into labels: the key is what precedes
 * the first colon; a bare tag becomes tag_<name>="true". Repeated keys keep every value.
 */
export function readDatadogTags(tags: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    const colon = tag.indexOf(":");
    const key = colon === -1 ? `tag_${tag}` : tag.slice(0, colon).trim();
    const value = colon === -1 ? "true" : tag.slice(colon + 1).trim();
    if (!key || !value) continue;
    const previous = labels[key]?.split(",") ?? [];
    labels[key] = previous.includes(value) ? previous.join(",") : [...previous, value].join(",");
  }
  return labels;
}

/** One spelling per group, whatever order its tags came in: "env:prod,service:api". */
export function toDatadogGroup(tags: string[]): string | null {
  const sorted = [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))].sort();
  return sorted.length ? sorted.join(",") : null;
}
