-- An alert can fire and resolve before the correlator sees it; remember that it fired.
-- AlterTable
ALTER TABLE "alerts" ADD COLUMN "has_fired" BOOLEAN NOT NULL DEFAULT false;

UPDATE "alerts" SET "has_fired" = true WHERE "status" = 'firing' OR "incident_id" IS NOT NULL;
