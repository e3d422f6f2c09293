import { describe, expect, it } from "vitest";
import { readFeatureCsv } from "./read-feature-csv";
import { writeScoredCsv } from "./write-scored-csv";

const columns = { group: "incident", time: "started", label: "cause", exclude: [] };

describe("readFeatureCsv", () => {
  it("makes every other numeric column a feature and reads ISO, seconds and milliseconds times", () => {
    const csv = [
      "incident,started,cause,minutes_since_deploy,alerts,service",
      "a,2026-01-05T10:00:00Z,1,4,12,orders",
      "a,2026-01-05T10:00:00Z,0,,3,payments",
      "b,1767607200,0,120,1,orders",
      "b,1767607200000,1,30,-2.5,db",
    ].join("\n");
    const table = readFeatureCsv(csv, columns);
    expect(table.featureNames).toEqual(["minutes_since_deploy", "alerts"]);
    expect(table.skippedColumns).toEqual([{ column: "service", line: 2, value: "orders" }]);
    expect(table.emptyCells).toEqual({ minutes_since_deploy: 1 });
    expect(table.rows[0]).toEqual({
      group: "a",
      time: Date.parse("2026-01-05T10:00:00Z"),
      label: 1,
      features: { minutes_since_deploy: 4, alerts: 12 },
    });
    expect(table.rows[1]?.features).toEqual({ minutes_since_deploy: 0, alerts: 3 });
    expect(table.rows[2]?.time).toBe(1_767_607_200_000);
    expect(table.rows[3]?.time).toBe(1_767_607_200_000);
    expect(table.records[3]).toMatchObject({ service: "db", alerts: "-2.5" });
  });

  it("leaves excluded columns out, and labels null when there is no label column", () => {
    const table = readFeatureCsv("g,t,x,y\n1,0,1,2\n", { group: "g", time: "t", exclude: ["y"] });
    expect(table.featureNames).toEqual(["x"]);
    expect(table.rows).toEqual([{ group: "1", time: 0, label: null, features: { x: 1 } }]);
  });

  it("names the missing column, with the ones the file has", () => {
    const csv = "incident,started,cause,x\na,2026-01-01,1,2\n";
    expect(() => readFeatureCsv(csv, { ...columns, group: "incident_id" })).toThrow(
      '--group: the CSV has no column "incident_id" (it has: incident, started, cause, x).',
    );
    expect(() => readFeatureCsv(csv, { ...columns, label: "is_cause" })).toThrow(
      /--label: the CSV has no column "is_cause"/,
    );
    expect(() => readFeatureCsv(csv, { ...columns, exclude: ["nope"] })).toThrow(
      /--exclude: the CSV has no column "nope"/,
    );
  });

  it("names the line of a bad label, time or group", () => {
    const header = "incident,started,cause,x";
    expect(() =>
      readFeatureCsv(`${header}\na,2026-01-01,1,2\na,2026-01-01,yes,3\n`, columns),
    ).toThrow('Line 3: the label column "cause" has "yes": it must be 0 or 1.');
    expect(() => readFeatureCsv(`${header}\na,2026-01-01,2,2\n`, columns)).toThrow(
      /Line 2: .* must be 0 or 1/,
    );
    expect(() =>
      readFeatureCsv(`${header}\na,2026-01-01,0,1\nb,last tuesday,1,2\n`, columns),
    ).toThrow(
      'Line 3: the time column "started" has "last tuesday": give an ISO date or epoch seconds or milliseconds.',
    );
    expect(() => readFeatureCsv(`${header}\n,2026-01-01,1,2\n`, columns)).toThrow(
      'Line 2: the group column "incident" is empty.',
    );
    expect(() => readFeatureCsv(`${header}\na,2026-01-01,1,2,9\n`, columns)).toThrow(
      /The CSV cannot be read/,
    );
  });

  it("refuses an empty file, a header without rows, duplicate headers and no features", () => {
    expect(() => readFeatureCsv("", columns)).toThrow(/empty/);
    expect(() => readFeatureCsv("incident,started,cause,x\n", columns)).toThrow(/no rows/);
    expect(() => readFeatureCsv("incident,started,cause,x,x\na,0,1,1,1\n", columns)).toThrow(
      'The CSV header names column "x" twice.',
    );
    expect(() => readFeatureCsv("incident,started,cause,name\na,0,1,orders\n", columns)).toThrow(
      /no numeric feature columns/,
    );
  });
});

describe("writeScoredCsv", () => {
  it("appends a probability column, quoting where CSV needs it", () => {
    const records = [
      { incident: "a", note: 'says "hi", twice' },
      { incident: "b", note: "" },
    ];
    expect(writeScoredCsv(records, [0.25, 0.5])).toBe(
      'incident,note,probability\na,"says ""hi"", twice",0.25\nb,,0.5\n',
    );
    const table = readFeatureCsv(writeScoredCsv([{ g: "a", x: "1", probability: "0.9" }], [0.1]), {
      group: "g",
      exclude: [],
    });
    expect(table.columns).toEqual(["g", "x", "probability"]);
    expect(table.records[0]?.probability).toBe("0.1");
    expect(() => writeScoredCsv(records, [0.1])).toThrow(/must match/);
  });
});
