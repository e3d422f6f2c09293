-- Catalog imports own what they declare; observed traffic is kept beside declared edges.
-- CreateEnum
CREATE TYPE "signal_metric" AS ENUM ('error_rate', 'latency_p99_ms', 'health');

-- AlterEnum
ALTER TYPE "integration_kind" ADD VALUE 'signals';

-- AlterTable
ALTER TABLE "services" ADD COLUMN "catalog_source" TEXT;

-- AlterTable
ALTER TABLE "dependencies" ADD COLUMN "declared_source" TEXT,
ADD COLUMN "last_observed_at" TIMESTAMPTZ(3),
ADD COLUMN "observed_requests" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "business_flows" (
    "id" SERIAL NOT NULL,
    "catalog_source" TEXT NOT NULL,
    "unique_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "service_slugs" TEXT[],
    "business_impact" TEXT,
    "degraded_behavior" TEXT,
    "customer_communication" TEXT,
    "sla" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_samples" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "metric" "signal_metric" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION,
    "is_elevated" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signal_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "business_flows_catalog_source_unique_id_key" ON "business_flows"("catalog_source", "unique_id");

-- CreateIndex
CREATE INDEX "signal_samples_service_id_metric_at_idx" ON "signal_samples"("service_id", "metric", "at");

-- AddForeignKey
ALTER TABLE "signal_samples" ADD CONSTRAINT "signal_samples_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
