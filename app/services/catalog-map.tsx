"use client";

import { useQuery } from "@tanstack/react-query";
import type { Core } from "cytoscape";
import { useEffect, useRef } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import { MAP_STYLE } from "@/app/incidents/[id]/map/map-style";
import type { CatalogMap as CatalogMapData } from "@/lib/graph/get-catalog-map";

declare global {
  interface Window {
    /** The catalog map's cytoscape instance, for end-to-end tests and benches. */
    faultlineCatalogMap?: Core;
  }
}

/** The whole dependency graph; services matching the search are highlighted; click opens one. */
export function CatalogMap({ highlight }: { highlight: string }) {
  const container = useRef<HTMLDivElement>(null);
  const { data } = useQuery({
    queryKey: ["catalog-map"],
    queryFn: () => fetchJson<CatalogMapData>("/api/services/map"),
    refetchInterval: 10_000,
  });
  useEffect(() => {
    if (!data || !container.current) return;
    let cy: Core | null = null;
    let isCancelled = false;
    void (async () => {
      const { default: cytoscape } = await import("cytoscape");
      if (isCancelled || !container.current) return;
      const term = highlight.trim().toLowerCase();
      cy = cytoscape({
        container: container.current,
        elements: [
          ...data.nodes.map((node) => ({
            group: "nodes" as const,
            data: { id: String(node.id), label: node.slug, slug: node.slug },
            position: data.positions[node.id] ?? { x: 0, y: 0 },
            classes: [node.state, term && node.slug.includes(term) ? "origin" : ""]
              .filter(Boolean)
              .join(" "),
          })),
          ...data.edges.map((edge) => ({
            group: "edges" as const,
            data: {
              id: `${edge.from}->${edge.to}`,
              source: String(edge.from),
              target: String(edge.to),
            },
            classes: [edge.criticality, edge.disagreement ?? ""].filter(Boolean).join(" "),
          })),
        ],
        style: MAP_STYLE,
        layout: { name: "preset", fit: true, padding: 20 },
        minZoom: 0.05,
        maxZoom: 3,
      });
      cy.on("tap", "node", (event) => {
        window.location.href = `/services/${event.target.data("slug")}`;
      });
      window.faultlineCatalogMap = cy;
      container.current.dataset.ready = "true";
      performance.mark("faultline:catalog-map-drawn");
    })();
    return () => {
      isCancelled = true;
      cy?.destroy();
    };
  }, [data, highlight]);
  return <div ref={container} className="map catalog-map" data-testid="catalog-map" />;
}
