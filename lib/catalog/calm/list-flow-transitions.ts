/** A relationship as the flow writer sees it: its nodes in source → destination order. */
export type TCalmWriteLink = { id: string; type: "connects" | "interacts"; nodes: string[] };

export type TCalmTransition = {
  "relationship-unique-id": string;
  "sequence-number": number;
  description: string;
  direction?: "destination-to-source";
};

/**
 * Picks transitions whose nodes, read in sequence, meet a flow's services in the given order:
 * each next service is reached from the latest one already met (preferring calls from it, then
 * calls into it), or together with the one after it; a flow may start where an actor acts.
 */
export function listFlowTransitions(
  flowId: string,
  slugs: string[],
  links: TCalmWriteLink[],
): TCalmTransition[] {
  const met: string[] = [];
  const transitions: TCalmTransition[] = [];
  const use = (link: TCalmWriteLink, isReversed: boolean) => {
    const [first = "", second = ""] = isReversed ? [...link.nodes].reverse() : link.nodes;
    transitions.push({
      "relationship-unique-id": link.id,
      "sequence-number": transitions.length + 1,
      description: `${first} → ${second}`,
      ...(isReversed ? { direction: "destination-to-source" as const } : {}),
    });
    for (const node of [first, second])
      if (slugs.includes(node) && !met.includes(node)) met.push(node);
  };
  const connects = links.filter((link) => link.type === "connects");
  const find = (from: string, to: string) =>
    connects.find((link) => link.nodes[0] === from && link.nodes[1] === to);
  const pick = (slug: string, index: number): [TCalmWriteLink, boolean] | null => {
    const actorLink = links.find((link) => link.type === "interacts" && link.nodes[1] === slug);
    if (index === 0 && actorLink) return [actorLink, false];
    for (const earlier of [...met].reverse()) {
      const call = find(earlier, slug);
      if (call) return [call, false];
    }
    for (const earlier of [...met].reverse()) {
      const callback = find(slug, earlier);
      if (callback) return [callback, true];
    }
    const next = slugs[index + 1];
    const pair = next ? (find(slug, next) ?? find(next, slug)) : undefined;
    return pair ? [pair, pair.nodes[0] !== slug] : null;
  };
  for (const [index, slug] of slugs.entries()) {
    if (met.includes(slug)) continue;
    const picked = pick(slug, index);
    if (!picked) {
      throw new Error(
        `flow ${flowId}: no relationship reaches ${slug} from the services before it`,
      );
    }
    use(...picked);
  }
  return transitions;
}
