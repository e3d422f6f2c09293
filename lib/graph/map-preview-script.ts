// Marks, for bench/map-render.ts, the first frame after the browser has parsed the map preview.
// Inline in the page's HTML, so the CSP allows it by its hash (lib/security/security-headers.ts).
export const MAP_PREVIEW_PAINT_SCRIPT =
  'requestAnimationFrame(function(){performance.mark("faultline:map-preview")})';
