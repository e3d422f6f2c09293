-- CreateEnum
CREATE TYPE "integration_kind" AS ENUM ('alertmanager', 'pagerduty', 'pagerduty_events', 'grafana', 'datadog', 'generic');

-- CreateEnum
CREATE TYPE "change_kind" AS ENUM ('deploy', 'config', 'flag', 'other');

-- CreateTable
CREATE TABLE "integrations" (
    "id" SERIAL NOT NULL,
    "kind" "integration_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integration_secrets" (
    "id" SERIAL NOT NULL,
    "integration_id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "integration_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_events" (
    "id" SERIAL NOT NULL,
    "source" "alert_source" NOT NULL,
    "service_id" INTEGER,
    "kind" "change_kind" NOT NULL,
    "summary" TEXT NOT NULL,
    "version" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "links" JSONB NOT NULL DEFAULT '[]',
    "details" JSONB NOT NULL DEFAULT '{}',
    "raw_delivery_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_events_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "raw_deliveries" ADD COLUMN "integration_id" INTEGER,
ADD COLUMN "delivery_key" TEXT;

-- AlterTable: incidents are grouped by topology now, no longer by the sender's group key.
DROP INDEX "incidents_correlation_key_idx";
ALTER TABLE "incidents" DROP COLUMN "correlation_key",
ADD COLUMN "parent_incident_id" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "integrations_kind_name_key" ON "integrations"("kind", "name");

-- CreateIndex
CREATE INDEX "integration_secrets_integration_id_idx" ON "integration_secrets"("integration_id");

-- CreateIndex
CREATE INDEX "change_events_service_id_at_idx" ON "change_events"("service_id", "at");

-- CreateIndex
CREATE INDEX "change_events_at_idx" ON "change_events"("at");

-- CreateIndex
CREATE UNIQUE INDEX "raw_deliveries_source_delivery_key_key" ON "raw_deliveries"("source", "delivery_key");

-- AddForeignKey
ALTER TABLE "integration_secrets" ADD CONSTRAINT "integration_secrets_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "raw_deliveries" ADD CONSTRAINT "raw_deliveries_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_events" ADD CONSTRAINT "change_events_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_events" ADD CONSTRAINT "change_events_raw_delivery_id_fkey" FOREIGN KEY ("raw_delivery_id") REFERENCES "raw_deliveries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_parent_incident_id_fkey" FOREIGN KEY ("parent_incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
