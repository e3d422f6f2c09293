-- Correlation asks, per pass, which open incidents hold recent alerts of the pending alerts'
-- sender groups; this index answers that without reading every alert of every open incident.
-- CreateIndex
CREATE INDEX "alerts_group_key_created_at_idx" ON "alerts"("group_key", "created_at");
