/**
 * How far before an incident's first alert its services' changes count as suspects.
 * Kept apart from schemas.ts so client components can read it without pulling in zod,
 * whose eval probe trips the page's CSP.
 */
export const CHANGE_LOOKBACK_MINUTES = 120;
