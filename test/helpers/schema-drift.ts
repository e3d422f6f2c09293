import wasm from "@prisma/prisma-schema-wasm";
import type { SqlSession } from "../../lib/db";

// The comparable shape of a database: what schema.prisma promises and what the migrations built.
export type ColumnShape = { type: string; nullable: boolean };
export type TableShape = {
  columns: Record<string, ColumnShape>;
  /** "primary users_pkey (id)", "unique x_key (a, b)", "index x_idx (a)" */
  indexes: string[];
  /** "alerts_service_id_fkey (service_id) -> services (id) on delete restrict" */
  foreignKeys: string[];
};
export type SchemaShape = { tables: Record<string, TableShape>; enums: Record<string, string[]> };

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  name?: string | null;
  dbName?: string | null;
  fields: { name: string }[];
};
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: {
      name: string;
      dbName: string | null;
      values: { name: string; dbName: string | null }[];
    }[];
    indexes: DmmfIndex[];
  };
};

const PRISMA_SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Timestamptz: (args) => `timestamptz(${args[0] ?? 6})`,
  Timestamp: (args) => `timestamp(${args[0] ?? 6})`,
  VarChar: (args) => (args[0] ? `varchar(${args[0]})` : "varchar"),
  Text: () => "text",
  Uuid: () => "uuid",
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  DoublePrecision: () => "double precision",
  JsonB: () => "jsonb",
  Json: () => "json",
};

/** What schema.prisma describes, named the way Prisma names things in PostgreSQL. */
export function describePrismaSchema(schemaText: string): SchemaShape {
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf;
  const enumDbName = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const modelByName = new Map(dmmf.datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };

  const shape: SchemaShape = { tables: {}, enums: {} };
  for (const e of dmmf.datamodel.enums)
    shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of dmmf.datamodel.models) {
    const table = tableOf(model);
    const columns: Record<string, ColumnShape> = {};
    const foreignKeys: string[] = [];
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue;
        const target = modelByName.get(field.type);
        if (!target) throw new Error(`unknown relation target ${field.type}`);
        const from = field.relationFromFields.map((name) => columnOf(model, name));
        const to = (field.relationToFields ?? []).map((name) => columnOf(target, name));
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        foreignKeys.push(
          describeForeignKey(
            `${table}_${from.join("_")}_fkey`,
            from,
            tableOf(target),
            to,
            onDelete,
          ),
        );
        continue;
      }
      const base =
        field.kind === "enum"
          ? (enumDbName.get(field.type) ?? field.type)
          : field.nativeType
            ? (NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) ??
              field.nativeType[0].toLowerCase())
            : (PRISMA_SCALAR_TYPES[field.type] ?? field.type);
      // Prisma creates scalar lists as nullable array columns, though its client treats them as required.
      columns[field.dbName ?? field.name] = {
        type: field.isList ? `${base}[]` : base,
        nullable: field.isList || !field.isRequired,
      };
    }
    const indexes = dmmf.datamodel.indexes
      .filter((index) => index.model === model.name)
      .map((index) => {
        const cols = index.fields.map((field) => columnOf(model, field.name));
        const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
        const suffix = kind === "primary" ? "pkey" : kind === "unique" ? "key" : "idx";
        const name =
          index.dbName ??
          (kind === "primary" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
        return describeIndex(kind, truncateIdentifier(name), cols);
      });
    shape.tables[table] = { columns, indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
  }
  return shape;
}

/** What the database really holds, read from the catalog (minus Prisma's bookkeeping table). */
export async function describeDatabase(session: SqlSession): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {} };
  const enumRows = await session.query<{ name: string; value: string }>(`
    SELECT t.typname AS name, e.enumlabel AS value
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`);
  for (const row of enumRows) {
    shape.enums[row.name] = [...(shape.enums[row.name] ?? []), row.value];
  }

  const columnRows = await session.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    datetime_precision: number | null;
    character_maximum_length: number | null;
  }>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision, character_maximum_length
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
    ORDER BY table_name, ordinal_position`);
  for (const row of columnRows) {
    const table = shape.tables[row.table_name] ?? { columns: {}, indexes: [], foreignKeys: [] };
    shape.tables[row.table_name] = table;
    table.columns[row.column_name] = {
      type: describeColumnType(row),
      nullable: row.is_nullable === "YES",
    };
  }

  const indexRows = await session.query<{
    table_name: string;
    index_name: string;
    is_primary: boolean;
    is_unique: boolean;
    columns: string;
  }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
           string_agg(a.attname, ',' ORDER BY k.ordinality) AS columns
    FROM pg_index ix
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ordinality)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'
    GROUP BY t.relname, i.relname, ix.indisprimary, ix.indisunique`);
  for (const row of indexRows) {
    const kind = row.is_primary ? "primary" : row.is_unique ? "unique" : "index";
    shape.tables[row.table_name]?.indexes.push(
      describeIndex(kind, row.index_name, row.columns.split(",")),
    );
  }

  const fkRows = await session.query<{
    table_name: string;
    name: string;
    columns: string;
    target: string;
    target_columns: string;
    on_delete: string;
  }>(`
    SELECT c.conrelid::regclass::text AS table_name, c.conname AS name,
      (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
      c.confrelid::regclass::text AS target,
      (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS target_columns,
      c.confdeltype AS on_delete
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`);
  const ON_DELETE: Record<string, string> = {
    a: "NoAction",
    r: "Restrict",
    c: "Cascade",
    n: "SetNull",
    d: "SetDefault",
  };
  for (const row of fkRows) {
    const table = row.table_name.replaceAll('"', "");
    shape.tables[table]?.foreignKeys.push(
      describeForeignKey(
        row.name,
        row.columns.split(","),
        row.target.replaceAll('"', ""),
        row.target_columns.split(","),
        ON_DELETE[row.on_delete] ?? row.on_delete,
      ),
    );
  }
  for (const table of Object.values(shape.tables)) {
    table.indexes.sort();
    table.foreignKeys.sort();
  }
  return shape;
}

/** Every way the two shapes differ, one readable line each; empty when they agree. */
export function diffSchemaShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const problems: string[] = [];
  const allTables = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const tableName of [...allTables].sort()) {
    const want = expected.tables[tableName];
    const have = actual.tables[tableName];
    if (!want) {
      problems.push(`table ${tableName} exists in the database but not in schema.prisma`);
      continue;
    }
    if (!have) {
      problems.push(`table ${tableName} is in schema.prisma but no migration creates it`);
      continue;
    }
    const columns = new Set([...Object.keys(want.columns), ...Object.keys(have.columns)]);
    for (const column of columns) {
      const w = want.columns[column];
      const h = have.columns[column];
      if (!w)
        problems.push(
          `column ${tableName}.${column} exists in the database but not in schema.prisma`,
        );
      else if (!h)
        problems.push(
          `column ${tableName}.${column} is in schema.prisma but no migration creates it`,
        );
      else {
        if (w.type !== h.type)
          problems.push(
            `column ${tableName}.${column}: schema says ${w.type}, database has ${h.type}`,
          );
        if (w.nullable !== h.nullable) {
          problems.push(
            `column ${tableName}.${column}: schema says ${w.nullable ? "NULL" : "NOT NULL"}, database differs`,
          );
        }
      }
    }
    for (const [kind, wantList, haveList] of [
      ["index", want.indexes, have.indexes],
      ["foreign key", want.foreignKeys, have.foreignKeys],
    ] as const) {
      for (const item of wantList)
        if (!haveList.includes(item))
          problems.push(`${kind} missing in the database: ${tableName} ${item}`);
      for (const item of haveList)
        if (!wantList.includes(item))
          problems.push(`${kind} not in schema.prisma: ${tableName} ${item}`);
    }
  }
  const allEnums = new Set([...Object.keys(expected.enums), ...Object.keys(actual.enums)]);
  for (const name of allEnums) {
    const w = (expected.enums[name] ?? []).join(", ");
    const h = (actual.enums[name] ?? []).join(", ");
    if (w !== h) problems.push(`enum ${name}: schema says [${w}], database has [${h}]`);
  }
  return problems;
}

function describeColumnType(row: {
  data_type: string;
  udt_name: string;
  datetime_precision: number | null;
  character_maximum_length: number | null;
}): string {
  switch (row.data_type) {
    case "USER-DEFINED":
      return row.udt_name;
    case "ARRAY":
      return `${row.udt_name.replace(/^_/, "")}[]`;
    case "timestamp with time zone":
      return `timestamptz(${row.datetime_precision})`;
    case "timestamp without time zone":
      return `timestamp(${row.datetime_precision})`;
    case "character varying":
      return row.character_maximum_length ? `varchar(${row.character_maximum_length})` : "varchar";
    default:
      return row.data_type;
  }
}

function describeIndex(kind: string, name: string, columns: string[]): string {
  return `${kind} ${name} (${columns.join(", ")})`;
}

function describeForeignKey(
  name: string,
  from: string[],
  target: string,
  to: string[],
  onDelete: string,
): string {
  return `${name} (${from.join(", ")}) -> ${target} (${to.join(", ")}) on delete ${onDelete}`;
}

// PostgreSQL cuts identifiers at 63 bytes, and so does Prisma's naming.
function truncateIdentifier(name: string): string {
  return name.slice(0, 63);
}
