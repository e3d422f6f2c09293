-- Change events sent to POST /api/changes (and the CLI) authenticate as a `changes` integration.
ALTER TYPE "integration_kind" ADD VALUE 'changes';
ALTER TYPE "alert_source" ADD VALUE 'changes';

-- AlterTable
ALTER TABLE "change_events" ADD COLUMN "author" TEXT,
ADD COLUMN "description" TEXT;

-- Every version of every file, stored once by the SHA-256 of its content.
CREATE TABLE "file_contents" (
    "sha256" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_contents_pkey" PRIMARY KEY ("sha256")
);

-- The files a change event carried: its version of each path.
CREATE TABLE "change_files" (
    "change_event_id" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "content_sha256" TEXT NOT NULL,

    CONSTRAINT "change_files_pkey" PRIMARY KEY ("change_event_id","path")
);

-- A previewed remediation: what it writes, its reviewed diff and that diff's hash.
CREATE TABLE "remediations" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER,
    "service_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "suggestion_key" TEXT,
    "from_change_event_id" INTEGER,
    "to_change_event_id" INTEGER,
    "undoes_remediation_id" INTEGER,
    "params" JSONB NOT NULL DEFAULT '{}',
    "preview" JSONB NOT NULL,
    "diff_hash" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "remediations_pkey" PRIMARY KEY ("id")
);

-- One per applied (or being applied) diff hash of a remediation: applying it again is a no-op.
CREATE TABLE "remediation_applies" (
    "id" SERIAL NOT NULL,
    "remediation_id" INTEGER NOT NULL,
    "diff_hash" TEXT NOT NULL,
    "executor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "writes" JSONB NOT NULL,
    "result" JSONB,
    "actor" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "applied_at" TIMESTAMPTZ(3),
    "verify_at" TIMESTAMPTZ(3),
    "verdict" TEXT,

    CONSTRAINT "remediation_applies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "change_files_content_sha256_idx" ON "change_files"("content_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "remediations_suggestion_key_key" ON "remediations"("suggestion_key");

-- CreateIndex
CREATE INDEX "remediations_incident_id_idx" ON "remediations"("incident_id");

-- CreateIndex
CREATE UNIQUE INDEX "remediation_applies_remediation_id_diff_hash_key" ON "remediation_applies"("remediation_id", "diff_hash");

-- AddForeignKey
ALTER TABLE "change_files" ADD CONSTRAINT "change_files_change_event_id_fkey" FOREIGN KEY ("change_event_id") REFERENCES "change_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_files" ADD CONSTRAINT "change_files_content_sha256_fkey" FOREIGN KEY ("content_sha256") REFERENCES "file_contents"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_from_change_event_id_fkey" FOREIGN KEY ("from_change_event_id") REFERENCES "change_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_to_change_event_id_fkey" FOREIGN KEY ("to_change_event_id") REFERENCES "change_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_undoes_remediation_id_fkey" FOREIGN KEY ("undoes_remediation_id") REFERENCES "remediations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediation_applies" ADD CONSTRAINT "remediation_applies_remediation_id_fkey" FOREIGN KEY ("remediation_id") REFERENCES "remediations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
