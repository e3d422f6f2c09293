-- Root-cause scoring: trained model versions, the history they learn from, each incident's
-- ranked hypotheses, and the cause a responder confirmed.
CREATE TABLE "model_versions" (
    "id" SERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "report" JSONB NOT NULL,
    "is_promoted" BOOLEAN NOT NULL DEFAULT false,
    "promoted_at" TIMESTAMPTZ(3),
    "promoted_by" TEXT,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- At most one promoted version.
CREATE UNIQUE INDEX "model_versions_one_promoted_key" ON "model_versions"("is_promoted") WHERE "is_promoted";

CREATE TABLE "training_rows" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "incident_id" INTEGER,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "label" SMALLINT NOT NULL,
    "features" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_rows_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "training_rows_label_check" CHECK ("label" IN (0, 1))
);

CREATE INDEX "training_rows_occurred_at_idx" ON "training_rows"("occurred_at");
CREATE INDEX "training_rows_group_key_idx" ON "training_rows"("group_key");

CREATE TABLE "hypotheses" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "service_id" INTEGER NOT NULL,
    "change_event_id" INTEGER,
    "rank" INTEGER NOT NULL,
    "features" JSONB NOT NULL,
    "uncalibrated" DOUBLE PRECISION,
    "probability" DOUBLE PRECISION,
    "model_version_id" INTEGER,
    "explanation" JSONB NOT NULL DEFAULT '[]',
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hypotheses_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "hypotheses_incident_id_idx" ON "hypotheses"("incident_id");

ALTER TABLE "incidents" ADD COLUMN "confirmed_cause_service_id" INTEGER,
ADD COLUMN "confirmed_cause_change_event_id" INTEGER,
ADD COLUMN "confirmed_cause_by" TEXT,
ADD COLUMN "confirmed_cause_at" TIMESTAMPTZ(3);

-- AddForeignKey
ALTER TABLE "training_rows" ADD CONSTRAINT "training_rows_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "hypotheses" ADD CONSTRAINT "hypotheses_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "hypotheses" ADD CONSTRAINT "hypotheses_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "hypotheses" ADD CONSTRAINT "hypotheses_change_event_id_fkey" FOREIGN KEY ("change_event_id") REFERENCES "change_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "hypotheses" ADD CONSTRAINT "hypotheses_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_confirmed_cause_service_id_fkey" FOREIGN KEY ("confirmed_cause_service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_confirmed_cause_change_event_id_fkey" FOREIGN KEY ("confirmed_cause_change_event_id") REFERENCES "change_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;
