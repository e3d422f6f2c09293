"use client";

import { useQuery } from "@tanstack/react-query";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { BlastRadiusFindings, BlastRadiusVerdict, MapLegend } from "./blast-radius-summary";
import { createEdgeLayer, type EdgeLayer } from "./edge-layer";
import { MapPreview } from "./map-preview";
import { edgeClassesOf, mapRenderingFor } from "./map-style";
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
export function BlastRadiusMap({
  incidentId,
  initialData,
}: {
  incidentId: number;
  /** Computed with the page, so the first map needs no round trip. */
  initialData: IncidentBlastRadius | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const edgeLayer = useRef<EdgeLayer | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [isDrawn, setIsDrawn] = useState(false);
  const { data, error } = useQuery({
    queryKey: ["blast-radius", incidentId],
    queryFn: () => fetchJson<IncidentBlastRadius>(`/api/incidents/${incidentId}/blast-radius`),
    initialData: initialData ?? undefined,
    refetchInterval: REFRESH_SECONDS * 1000,
    // Server-rendered data is fresh: no second fetch competing with the first draw.
    staleTime: REFRESH_SECONDS * 1000,
  });

  useEffect(() => {
    if (!data || !container.current) return;
    const { options, hasEdgeLayer } = mapRenderingFor(data.nodes.length);
    const elements = toElements(data, { withEdges: !hasEdgeLayer });
    if (cy.current && (edgeLayer.current !== null) === hasEdgeLayer) {
      updateInPlace(cy.current, elements);
      edgeLayer.current?.setEdges(data.edges);
      return;
    }
    // First draw, or the map grew or shrank past the size where edges move to their own layer.
    edgeLayer.current?.remove();
    cy.current?.destroy();
    // Marks for bench/map-render.ts: data in hand, cytoscape built, first frame drawn.
    performance.mark("faultline:map-data");
    const layer = hasEdgeLayer ? createEdgeLayer(container.current) : null;
    layer?.setEdges(data.edges);
    cy.current = cytoscape({
      container: container.current,
      elements,
      layout: { name: "preset", fit: true, padding: 24 },
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 3,
      ...options,
    });
    layer?.attach(cy.current);
    edgeLayer.current = layer;
    performance.mark("faultline:map-built");
    cy.current.on("tap mouseover", "node", (event) => setSelected(Number(event.target.id())));
    window.faultlineMap = cy.current;
    const mapElement = container.current;
    cy.current.one("render", () => {
      mapElement.dataset.ready = "true";
      performance.mark("faultline:map-drawn");
      setIsDrawn(true);
    });
  }, [data]);

  useEffect(
    () => () => {
      edgeLayer.current?.remove();
      edgeLayer.current = null;
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
        <div className="map-frame">
          <div ref={container} className="map" data-testid="blast-radius-map" />
          {data && !isDrawn ? <MapPreview data={data} /> : null}
        </div>
        <ServiceSidePanel data={data} serviceId={selected} />
      </div>
      {data ? <MapLegend data={data} /> : null}
      {data ? <BlastRadiusFindings data={data} /> : null}
    </section>
  );
}

function toElements(
  data: IncidentBlastRadius,
  { withEdges }: { withEdges: boolean },
): ElementDefinition[] {
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
  if (!withEdges) return nodes;
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
    classes: edgeClassesOf(edge),
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
  // Touch only what changed: restyling all of a 300-node map every second would stutter.
  cy.batch(() => {
    for (const element of elements) {
      const current = cy.getElementById(element.data.id ?? "");
      const isChanged = Object.entries(element.data).some(
        ([key, value]) => current.data(key) !== value,
      );
      if (isChanged) current.data(element.data);
      const classes = element.classes ?? "";
      if (current.classes().join(" ") !== classes) current.classes(classes);
    }
  });
}
