#!/usr/bin/env bash
# npm test: everything CI runs. Lint, typecheck, unit and integration tests (on PGlite, and on
# PostgreSQL too), the production build, fault tests against real app processes, then
# Playwright in Debian's Chromium with a real Prometheus Alertmanager.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

started=$SECONDS
step() { printf '\n== [%ss] %s\n' "$((SECONDS - started))" "$*"; }

step "test environment"
[ -d node_modules ] || npm ci
# shellcheck source=scripts/prepare-test-env.sh
source scripts/prepare-test-env.sh

step "prisma generate"
npm run generate --silent
step "lint (biome)"
npx biome check .
step "typecheck (tsc --noEmit)"
npx tsc --noEmit
step "unit and integration tests (vitest)"
npx vitest run
step "production build"
npx next build
if [ -n "${DATABASE_URL:-}" ]; then
  step "fault tests: SIGKILL an app process mid-storm, restart PostgreSQL mid-ingest, two app processes"
  FAULTLINE_FAULT_TESTS=1 npx vitest run --project fault
else
  # Only outside CI (prepare-test-env.sh fails CI without PostgreSQL). Everything but the restart
  # test runs on PGlite; two processes become one process receiving each delivery twice.
  step "fault tests on PGlite: SIGKILL mid-storm, the production server's webhook path, duplicate storms"
  FAULTLINE_FAULT_TESTS=1 npx vitest run --project fault test/fault/sigkill-during-storm.test.ts \
    test/fault/production-server.test.ts test/fault/two-app-processes.test.ts
fi
step "end-to-end tests (playwright, chromium, prometheus-alertmanager)"
npx playwright test
step "all tests passed"
