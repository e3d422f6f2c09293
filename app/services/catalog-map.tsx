"use client";

import { useQuery } from "@tanstack/react-query";
import cytoscape, { type Core } from "cytoscape";
import { useEffect, useRef } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import { createEdgeLayer } from "@/app/incidents/[id]/map/edge-layer";
import { edgeClassesOf, mapRenderingFor } from "@/app/incidents/[id]/map/map-style";
import type { CatalogMap as CatalogMapData } from "@/lib/graph/get-catalog-map";

declare global {
  interface Window {
    /** The catalog map's cytoscape instance, for end-to-end tests and benches. */
    faultlineCatalogMap?: Core;
  }
}

/** The whole dependency graph; services matching the search are highlighted; click opens one. */
export function CatalogMap({
  highlight,
  initialData,
}: {
  highlight: string;
  /** Computed with the page, so the map needs no round trip. */
  initialData: CatalogMapData;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { data } = useQuery({
    queryKey: ["catalog-map"],
    queryFn: () => fetchJson<CatalogMapData>("/api/services/map"),
    initialData,
    refetchInterval: 10_000,
    // Server-rendered data is fresh: no second fetch while the page hydrates.
    staleTime: 10_000,
  });
  useEffect(() => {
    if (!container.current) return;
    const term = highlight.trim().toLowerCase();
    const mapElement = container.current;
    const { options, hasEdgeLayer } = mapRenderingFor(data.nodes.length);
    const layer = hasEdgeLayer ? createEdgeLayer(mapElement) : null;
    layer?.setEdges(data.edges);
    const cy = cytoscape({
      container: mapElement,
      elements: [
        ...data.nodes.map((node) => ({
          group: "nodes" as const,
          data: { id: String(node.id), label: node.slug, slug: node.slug },
          position: data.positions[node.id] ?? { x: 0, y: 0 },
          classes: [node.state, term && node.slug.includes(term) ? "origin" : ""]
            .filter(Boolean)
            .join(" "),
        })),
        ...(hasEdgeLayer ? [] : data.edges).map((edge) => ({
          group: "edges" as const,
          data: {
            id: `${edge.from}->${edge.to}`,
            source: String(edge.from),
            target: String(edge.to),
          },
          classes: edgeClassesOf(edge),
        })),
      ],
      layout: { name: "preset", fit: true, padding: 20 },
      minZoom: 0.05,
      maxZoom: 3,
      ...options,
    });
    layer?.attach(cy);
    cy.on("tap", "node", (event) => {
      window.location.href = `/services/${event.target.data("slug")}`;
    });
    window.faultlineCatalogMap = cy;
    cy.one("render", () => {
      mapElement.dataset.ready = "true";
      performance.mark("faultline:catalog-map-drawn");
    });
    return () => {
      layer?.remove();
      cy.destroy();
    };
  }, [data, highlight]);
  return <div ref={container} className="map catalog-map" data-testid="catalog-map" />;
}
