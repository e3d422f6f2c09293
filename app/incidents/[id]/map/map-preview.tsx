import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { MAP_PREVIEW_PAINT_SCRIPT } from "@/lib/graph/map-preview-script";
import { renderMapPreview } from "@/lib/graph/render-map-preview";
import { STATE_COLOURS } from "./map-style";

/**
 * The map as a plain picture in the page's HTML, with the same positions and colours: a responder
 * sees what is red before any script has loaded. The interactive map replaces it once drawn.
 * Built as markup, not React elements: hydrating a thousand SVG elements would delay the
 * interactive map it stands in for.
 */
export function MapPreview({ data }: { data: IncidentBlastRadius }) {
  return (
    <>
      <div
        className="map-preview"
        data-testid="map-preview"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: built from escaped values below
        dangerouslySetInnerHTML={{ __html: renderMapPreview(data, STATE_COLOURS) }}
      />
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant, for the paint mark */}
      <script dangerouslySetInnerHTML={{ __html: MAP_PREVIEW_PAINT_SCRIPT }} />
    </>
  );
}
