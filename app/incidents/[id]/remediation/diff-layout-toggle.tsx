import type { TDiffLayout } from "./diff-layout";

const LAYOUTS: { view: TDiffLayout; label: string }[] = [
  { view: "unified", label: "Unified" },
  { view: "split", label: "Side by side" },
];

/** Two toggle buttons choosing the diff layout. */
export function DiffLayoutToggle({
  view,
  onChange,
}: {
  view: TDiffLayout;
  onChange: (view: TDiffLayout) => void;
}) {
  return (
    <fieldset className="diff-toggle">
      <legend className="diff-sr-only">Diff layout</legend>
      {LAYOUTS.map((layout) => (
        <button
          key={layout.view}
          type="button"
          aria-pressed={view === layout.view}
          onClick={() => onChange(layout.view)}
        >
          {layout.label}
        </button>
      ))}
    </fieldset>
  );
}
