/** How the viewer lays a diff out: one column of +/− lines, or old and new side by side. */
export type TDiffLayout = "unified" | "split";
