"use client";

import { useQuery } from "@tanstack/react-query";
import type { Core, ElementDefinition } from "cytoscape";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { BlastRadiusFindings, BlastRadiusVerdict, MapLegend } from "./blast-radius-summary";
import { MAP_STYLE } from "./map-style";
import { ServiceSidePanel } from "./service-side-panel";

declare global {
  interface Window {
    /** The map's cytoscape instance, for end-to-end tests and curious responders. */
    faultlineMap?: Core;
  }
}

// Cheap to compute (the graph is cached), so a newly red neighbour shows within about a second.
const REFRESH_SECONDS = 1;

/** The incident's dependency graph, coloured by live signals; refreshes in place. */
export function BlastRadiusMap({ incidentId }: { incidentId: number }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const { data, error } = useQuery({
    queryKey: ["blast-radius", incidentId],
    queryFn: () => fetchJson<IncidentBlastRadius>(`/api/incidents/${incidentId}/blast-radius`),
    refetchInterval: REFRESH_SECONDS * 1000,
  });

  useEffect(() => {
    if (!data || !container.current) return;
    let isCancelled = false;
    void (async () => {
      const { default: cytoscape } = await import("cytoscape");
      if (isCancelled || !container.current) return;
      const elements = toElements(data);
      if (!cy.current) {
        cy.current = cytoscape({
          container: container.current,
          elements,
          style: MAP_STYLE,
          layout: { name: "preset", fit: true, padding: 24 },
          wheelSensitivity: 0.3,
          minZoom: 0.1,
          maxZoom: 3,
        });
        cy.current.on("tap mouseover", "node", (event) => setSelected(Number(event.target.id())));
        window.faultlineMap = cy.current;
        container.current.dataset.ready = "true";
        // bench/map-render.ts reads when the first coloured map was drawn.
        performance.mark("faultline:map-drawn");
        return;
      }
      updateInPlace(cy.current, elements);
    })();
    return () => {
      isCancelled = true;
    };
  }, [data]);

  useEffect(
    () => () => {
      cy.current?.destroy();
      cy.current = null;
    },
    [],
  );

  if (error)
    return <div className="panel empty">The blast radius is not available: {error.message}</div>;
  return (
    <section className="blast-radius">
      {data ? (
        <BlastRadiusVerdict data={data} />
      ) : (
        <p className="subtle">Tracing the blast radius…</p>
      )}
      <div className="map-and-panel">
        <div ref={container} className="map" data-testid="blast-radius-map" />
        <ServiceSidePanel data={data} serviceId={selected} />
      </div>
      {data ? <MapLegend data={data} /> : null}
      {data ? <BlastRadiusFindings data={data} /> : null}
    </section>
  );
}

function toElements(data: IncidentBlastRadius): ElementDefinition[] {
  const origins = new Set(data.originIds);
  const nodes: ElementDefinition[] = data.nodes.map((node) => ({
    group: "nodes",
    data: {
      id: String(node.id),
      slug: node.slug,
      label: node.tier === 1 ? `${node.slug} ★` : node.slug,
      state: node.state,
      role: node.role,
      reasons: node.reasons.join("; "),
    },
    position: data.positions[node.id] ?? { x: 0, y: 0 },
    classes: [node.state, origins.has(node.id) ? "origin" : ""].filter(Boolean).join(" "),
  }));
  const edges: ElementDefinition[] = data.edges.map((edge) => ({
    group: "edges",
    data: {
      id: `${edge.from}->${edge.to}`,
      source: String(edge.from),
      target: String(edge.to),
      criticality: edge.criticality,
      provenance: edge.provenance,
      disagreement: edge.disagreement ?? "",
    },
    classes: [edge.criticality, edge.disagreement ?? ""].filter(Boolean).join(" "),
  }));
  return [...nodes, ...edges];
}

/** New colours on the same graph without a re-layout; a changed graph is redrawn. */
function updateInPlace(cy: Core, elements: ElementDefinition[]): void {
  const ids = new Set(elements.map((element) => element.data.id));
  const current = cy.elements();
  const isSameGraph =
    current.length === elements.length &&
    current.toArray().every((element) => ids.has(element.id()));
  if (!isSameGraph) {
    cy.elements().remove();
    cy.add(elements);
    cy.layout({ name: "preset", fit: true, padding: 24 }).run();
    return;
  }
  cy.batch(() => {
    for (const element of elements) {
      const current = cy.getElementById(element.data.id ?? "");
      current.data(element.data);
      current.classes(element.classes ?? "");
    }
  });
}
