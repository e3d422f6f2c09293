/** One sample of Prometheus text exposition: `name{label="value",…} value [timestamp]`. */
export type TExpositionSample = { name: string; labels: Record<string, string>; value: string };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

/** Reads a sample line; returns a problem description instead when the line is malformed. */
export function readExpositionLine(line: string): TExpositionSample | { problem: string } {
  const name = NAME.exec(line)?.[0];
  if (!name) return { problem: "expected a metric name" };
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    rest = rest.slice(1).trimStart();
    while (!rest.startsWith("}")) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label) return { problem: "expected a label name" };
      rest = rest.slice(label.length).trimStart();
      if (!rest.startsWith('="')) return { problem: `expected ="…" after label ${label}` };
      let value = "";
      let at = 2;
      for (; at < rest.length && rest[at] !== '"'; at++) {
        const char = rest[at] ?? "";
        if (char !== "\\") {
          value += char;
          continue;
        }
        const escaped = ESCAPES[rest[at + 1] ?? ""];
        if (escaped === undefined) return { problem: `bad escape in label ${label}` };
        value += escaped;
        at++;
      }
      if (at >= rest.length) return { problem: `unterminated value of label ${label}` };
      labels[label] = value;
      rest = rest.slice(at + 1).trimStart();
      if (rest.startsWith(",")) rest = rest.slice(1).trimStart();
      else if (!rest.startsWith("}")) return { problem: "expected , or } after a label" };
    }
    rest = rest.slice(1);
  }
  const [value, timestamp, extra] = rest.trim().split(/\s+/);
  if (
    !value ||
    !/^\s/.test(rest) ||
    extra !== undefined ||
    (timestamp && !/^-?\d+$/.test(timestamp))
  ) {
    return { problem: "expected a value and an optional timestamp after the labels" };
  }
  return { name, labels, value };
}
