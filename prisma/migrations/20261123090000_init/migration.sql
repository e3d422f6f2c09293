-- CreateEnum
CREATE TYPE "dependency_kind" AS ENUM ('sync', 'async', 'data');

-- CreateEnum
CREATE TYPE "dependency_criticality" AS ENUM ('critical', 'optional');

-- CreateEnum
CREATE TYPE "dependency_provenance" AS ENUM ('declared', 'observed', 'both');

-- CreateEnum
CREATE TYPE "alert_source" AS ENUM ('alertmanager', 'pagerduty', 'grafana', 'datadog', 'generic');

-- CreateEnum
CREATE TYPE "alert_status" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "incident_status" AS ENUM ('triggered', 'acknowledged', 'mitigated', 'resolved');

-- CreateEnum
CREATE TYPE "severity" AS ENUM ('critical', 'error', 'warning', 'info');

-- CreateTable
CREATE TABLE "services" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" INTEGER,
    "owner" TEXT,
    "on_call" TEXT,
    "runbook_url" TEXT,
    "health_endpoint" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "is_unmapped" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dependencies" (
    "id" SERIAL NOT NULL,
    "from_service_id" INTEGER NOT NULL,
    "to_service_id" INTEGER NOT NULL,
    "kind" "dependency_kind" NOT NULL DEFAULT 'sync',
    "criticality" "dependency_criticality" NOT NULL DEFAULT 'critical',
    "provenance" "dependency_provenance" NOT NULL DEFAULT 'declared',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dependencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "raw_deliveries" (
    "id" SERIAL NOT NULL,
    "source" "alert_source" NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL,
    "body_sha256" TEXT NOT NULL,
    "alert_count" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "raw_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "source" "alert_source" NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" "alert_status" NOT NULL,
    "name" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "summary" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "generator_url" TEXT,
    "group_key" TEXT,
    "service_id" INTEGER NOT NULL,
    "incident_id" INTEGER,
    "last_delivery_id" INTEGER NOT NULL,
    "correlated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "status" "incident_status" NOT NULL DEFAULT 'triggered',
    "correlation_key" TEXT,
    "pagerduty_incident_id" TEXT,
    "origin_service_id" INTEGER,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_alert_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "mitigated_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_events" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "timeline_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "services_slug_key" ON "services"("slug");

-- CreateIndex
CREATE INDEX "dependencies_to_service_id_idx" ON "dependencies"("to_service_id");

-- CreateIndex
CREATE UNIQUE INDEX "dependencies_from_service_id_to_service_id_key" ON "dependencies"("from_service_id", "to_service_id");

-- CreateIndex
CREATE INDEX "raw_deliveries_received_at_idx" ON "raw_deliveries"("received_at");

-- CreateIndex
CREATE INDEX "alerts_incident_id_idx" ON "alerts"("incident_id");

-- CreateIndex
CREATE INDEX "alerts_service_id_idx" ON "alerts"("service_id");

-- CreateIndex
CREATE INDEX "alerts_correlated_at_idx" ON "alerts"("correlated_at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_source_fingerprint_starts_at_key" ON "alerts"("source", "fingerprint", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_pagerduty_incident_id_key" ON "incidents"("pagerduty_incident_id");

-- CreateIndex
CREATE INDEX "incidents_status_opened_at_idx" ON "incidents"("status", "opened_at");

-- CreateIndex
CREATE INDEX "incidents_correlation_key_idx" ON "incidents"("correlation_key");

-- CreateIndex
CREATE INDEX "timeline_events_incident_id_at_idx" ON "timeline_events"("incident_id", "at");

-- AddForeignKey
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_from_service_id_fkey" FOREIGN KEY ("from_service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_to_service_id_fkey" FOREIGN KEY ("to_service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_last_delivery_id_fkey" FOREIGN KEY ("last_delivery_id") REFERENCES "raw_deliveries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_origin_service_id_fkey" FOREIGN KEY ("origin_service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
