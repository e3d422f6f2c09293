-- Which services an incident spans, kept by the correlator so it need not scan every alert.
-- CreateTable
CREATE TABLE "incident_services" (
    "incident_id" INTEGER NOT NULL,
    "service_id" INTEGER NOT NULL,
    "first_alert_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_services_pkey" PRIMARY KEY ("incident_id","service_id")
);

-- CreateIndex
CREATE INDEX "incident_services_service_id_idx" ON "incident_services"("service_id");

-- AddForeignKey
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "incident_services" ("incident_id", "service_id", "first_alert_at")
SELECT "incident_id", "service_id", min("created_at") FROM "alerts"
WHERE "incident_id" IS NOT NULL
GROUP BY "incident_id", "service_id";
