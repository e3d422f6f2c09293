import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { describeImportResult } from "../lib/catalog/describe-import-report";
import { closeDb, getDatabaseTargetFromEnv, openDatabase, setDb } from "../lib/db";
import { type ErrorCode, isAppError } from "../lib/errors";
import { describeZodError } from "../lib/http";
import { migrateDatabase } from "../lib/migrations/migrate-database";
import { AUDIT_HELP, prepareAuditCommand } from "./cli-audit";
import { CHANGE_HELP, prepareChangeCommand } from "./cli-change";
import { IMPORT_HELP, runImportCommand } from "./cli-import";
import { INTEGRATIONS_HELP, runIntegrationsCommand } from "./cli-integrations";
import { MODEL_HELP, prepareModelCommand } from "./cli-model";
import { prepareTokensCommand, TOKENS_HELP } from "./cli-tokens";
import { prepareUsersCommand, USERS_HELP } from "./cli-users";
import { UsageError } from "./lib/read-cli-input";
import { seedDemoCatalog } from "./lib/seed-demo-catalog";

const SERVE_HELP = `faultline serve [--port <port>] [--hostname <host>]

  Runs the production build (npm run build first): the web app, its API and the webhooks.
  --port defaults to $PORT, else 3000.`;

const HELP = `faultline — operator commands for a Faultline installation

Usage: faultline <command> [options]

Commands:
  migrate     Apply pending SQL migrations from prisma/migrations
  serve       Run the production server (web app, API and webhooks)
  seed        Import the demo shop (25 services) from examples/ecommerce: CALM + traced traffic
  import      Import a service catalog: Backstage, CALM, PagerDuty, service-graph metrics
  integrations  Manage the senders allowed to post to the webhooks (see below)
  users       Manage users and their roles (viewer < responder < lead < admin)
  tokens      Manage API tokens (Authorization: Bearer flt_…)
  audit       Export the audit log as JSON lines
  change      Record a deploy, config change or flag flip with its files
  model       Train, score with, promote and roll back the root-cause model
  help        Show this help

${SERVE_HELP}

${IMPORT_HELP}

${INTEGRATIONS_HELP}

${USERS_HELP}

${TOKENS_HELP}

${AUDIT_HELP}

${CHANGE_HELP}

${MODEL_HELP}

The CLI acts as an admin named cli:<OS user> in the audit log. Exit codes: 0 done, 1 failed,
2 the command as given cannot succeed (unknown command or option, bad value, no such id).

The database is DATABASE_URL (postgres://…) when set, otherwise the embedded PGlite
database in $FAULTLINE_DATA_DIR/db (default ./.faultline/db). Run commands from the
Faultline checkout; stop the server first when using the embedded database.

Examples:
  npx faultline migrate
  DATABASE_URL=postgres://faultline@localhost/faultline npx faultline seed
`;

type Command = (args: string[]) => Promise<void>;

/** Opens and migrates the configured database for one command, and closes it after. */
async function withDatabase(run: () => Promise<void>): Promise<void> {
  const db = await openDatabase(getDatabaseTargetFromEnv());
  setDb(db);
  try {
    await migrateDatabase(db);
    await run();
  } finally {
    await closeDb();
  }
}

const COMMANDS: Record<string, Command> = {
  async migrate() {
    const db = await openDatabase(getDatabaseTargetFromEnv());
    try {
      const report = await migrateDatabase(db, {
        onApplied: (name) => console.log(`applied ${name}`),
      });
      if (report.secretsProtected > 0)
        console.log(
          `${report.secretsProtected} plain-text integration secret(s) hashed or encrypted`,
        );
      console.log(
        report.applied.length === 0
          ? `database is up to date (${report.alreadyApplied.length} migrations)`
          : `${report.applied.length} migration(s) applied, ${report.alreadyApplied.length} already present`,
      );
    } finally {
      await db.close();
    }
  },

  async serve(args) {
    // Before Next and React load: they pick their production builds from it.
    Object.assign(process.env, { NODE_ENV: "production" });
    const { serve } = await import("./serve");
    await serve(args);
  },

  async seed() {
    await withDatabase(async () => {
      for (const result of await seedDemoCatalog()) console.log(describeImportResult(result));
    });
  },

  async import(args) {
    await withDatabase(() => runImportCommand(args));
  },

  async integrations(args) {
    await withDatabase(() => runIntegrationsCommand(args));
  },

  async users(args) {
    await withDatabase(prepareUsersCommand(args));
  },

  async tokens(args) {
    await withDatabase(prepareTokensCommand(args));
  },

  async audit(args) {
    await withDatabase(prepareAuditCommand(args));
  },

  async change(args) {
    await withDatabase(prepareChangeCommand(args));
  },

  async model(args) {
    await withDatabase(prepareModelCommand(args));
  },

  async help() {
    console.log(HELP);
  },
};

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: "boolean", short: "h" } },
  });
  const [name = "help"] = positionals;
  if (values.help) return COMMANDS.help?.([]).then(() => 0) ?? 0;
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  // Everything after the command name, options included: each command parses its own.
  await command(argv.slice(argv.indexOf(name) + 1));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof ZodError
        ? describeZodError(error)
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`faultline: ${message}`);
    process.exit(isBadInput(error) ? 2 : 1);
  },
);

// Asking again cannot help with these; the other failures (database, key, disk) may pass.
const BAD_INPUT_CODES: ErrorCode[] = ["BAD_REQUEST", "VALIDATION", "NOT_FOUND", "CONFLICT"];

function isBadInput(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof ZodError ||
    (isAppError(error) && BAD_INPUT_CODES.includes(error.code))
  );
}
