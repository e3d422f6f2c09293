-- The map asks "which services have firing alerts" on every refresh.
-- CreateIndex
CREATE INDEX "alerts_status_service_id_idx" ON "alerts"("status", "service_id");
