-- A catalog may name a service another import has not brought yet; the edge waits here until it does.
-- CreateTable
CREATE TABLE "pending_dependencies" (
    "id" SERIAL NOT NULL,
    "from_service_id" INTEGER NOT NULL,
    "target_slug" TEXT NOT NULL,
    "target_ref" TEXT NOT NULL,
    "kind" "dependency_kind" NOT NULL DEFAULT 'sync',
    "criticality" "dependency_criticality" NOT NULL DEFAULT 'critical',
    "declared_source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_dependencies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pending_dependencies_from_service_id_target_slug_key" ON "pending_dependencies"("from_service_id", "target_slug");

-- CreateIndex
CREATE INDEX "pending_dependencies_target_slug_idx" ON "pending_dependencies"("target_slug");

-- CreateIndex
CREATE INDEX "pending_dependencies_declared_source_idx" ON "pending_dependencies"("declared_source");

-- AddForeignKey
ALTER TABLE "pending_dependencies" ADD CONSTRAINT "pending_dependencies_from_service_id_fkey" FOREIGN KEY ("from_service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
