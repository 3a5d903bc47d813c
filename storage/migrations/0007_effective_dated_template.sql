CREATE TABLE "shift_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"shift_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"day_of_week" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_versions_day_of_week_range" CHECK ("shift_versions"."day_of_week" between 1 and 7),
	CONSTRAINT "shift_versions_order" CHECK ("shift_versions"."valid_to" is null or "shift_versions"."valid_to" >= "shift_versions"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "staff_inactive_spans" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "staff_inactive_spans_order" CHECK ("staff_inactive_spans"."to_date" is null or "staff_inactive_spans"."to_date" >= "staff_inactive_spans"."from_date")
);
--> statement-breakpoint
ALTER TABLE "shifts" DROP CONSTRAINT "shifts_day_of_week_range";--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "shift_versions" ADD CONSTRAINT "shift_versions_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_inactive_spans" ADD CONSTRAINT "staff_inactive_spans_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shift_versions_shift_from_key" ON "shift_versions" USING btree ("shift_id","valid_from");--> statement-breakpoint
CREATE INDEX "staff_inactive_spans_staff_idx" ON "staff_inactive_spans" USING btree ("staff_id");--> statement-breakpoint
-- Existing shifts take effect from the day they were created (in the organisation's zone, as far as the
-- database knows it), or earlier if attendance or a dated change already names an earlier date; an archived
-- one ends the day before it was archived (or never took effect, if it was archived the day it was made).
INSERT INTO "shift_versions" ("shift_id", "valid_from", "valid_to", "day_of_week", "start_time", "end_time", "created_at")
SELECT s."id", v."valid_from",
       CASE WHEN s."archived_at" IS NULL THEN NULL
            ELSE greatest(v."valid_from", (s."archived_at" AT TIME ZONE z."zone")::date - 1) END,
       s."day_of_week", s."start_time", s."end_time", s."created_at"
FROM "shifts" s
CROSS JOIN (SELECT coalesce((SELECT "timezone" FROM "settings" WHERE "id" = 1), 'UTC') AS "zone") z
CROSS JOIN LATERAL (
  SELECT least(
    (s."created_at" AT TIME ZONE z."zone")::date,
    (SELECT min(a."occurrence_date") FROM "attendance" a WHERE a."shift_id" = s."id"),
    (SELECT min(o."date") FROM "shift_overrides" o WHERE o."shift_id" = s."id")
  ) AS "valid_from"
) v
WHERE s."archived_at" IS NULL
   OR (s."archived_at" AT TIME ZONE z."zone")::date - 1 >= v."valid_from"
   OR EXISTS (SELECT 1 FROM "attendance" a WHERE a."shift_id" = s."id");--> statement-breakpoint
-- Staff started the day their profile was made, or earlier if their shifts or attendance say so.
UPDATE "staff" st SET "started_on" = least(
  (st."created_at" AT TIME ZONE coalesce((SELECT "timezone" FROM "settings" WHERE "id" = 1), 'UTC'))::date,
  (SELECT min(v."valid_from") FROM "shift_versions" v JOIN "shifts" s ON s."id" = v."shift_id" WHERE s."staff_id" = st."id"),
  (SELECT min(a."occurrence_date") FROM "attendance" a WHERE a."staff_id" = st."id")
);--> statement-breakpoint
ALTER TABLE "staff" ALTER COLUMN "started_on" SET NOT NULL;--> statement-breakpoint
-- When today's inactive staff were deactivated is not known: their schedule ends today.
INSERT INTO "staff_inactive_spans" ("staff_id", "from_date")
SELECT st."id", (now() AT TIME ZONE coalesce((SELECT "timezone" FROM "settings" WHERE "id" = 1), 'UTC'))::date
FROM "staff" st WHERE NOT st."active";--> statement-breakpoint
ALTER TABLE "shifts" DROP COLUMN "day_of_week";--> statement-breakpoint
ALTER TABLE "shifts" DROP COLUMN "start_time";--> statement-breakpoint
ALTER TABLE "shifts" DROP COLUMN "end_time";--> statement-breakpoint
ALTER TABLE "shifts" DROP COLUMN "archived_at";