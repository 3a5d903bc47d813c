CREATE TABLE "absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"shift_id" integer NOT NULL,
	"occurrence_date" date NOT NULL,
	"type" text NOT NULL,
	"note" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absences_type_check" CHECK ("absences"."type" in ('sick', 'leave', 'other'))
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"data" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "punch_voids" (
	"attendance_id" integer PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"voided_by" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timesheet_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"approved_by" integer NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "timesheet_approvals_order" CHECK ("timesheet_approvals"."to_date" >= "timesheet_approvals"."from_date")
);
--> statement-breakpoint
DROP INDEX "attendance_occurrence_kind_key";--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "source" text;--> statement-breakpoint
-- Punches so far came from a kiosk (it is named) or from the original API.
UPDATE "attendance" SET "source" = CASE WHEN "kiosk_id" IS NULL THEN 'api' ELSE 'kiosk' END;--> statement-breakpoint
ALTER TABLE "attendance" ALTER COLUMN "source" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "supersedes_id" integer;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "attendance" SET "recorded_at" = "at";--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "rounding_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "break_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "break_after_hours" double precision;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "overtime_daily_hours" double precision;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "overtime_weekly_hours" double precision;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "week_starts_on" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "pay_period" text DEFAULT 'weekly' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "pay_period_anchor" date DEFAULT '2024-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_voids" ADD CONSTRAINT "punch_voids_attendance_id_attendance_id_fk" FOREIGN KEY ("attendance_id") REFERENCES "public"."attendance"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_voids" ADD CONSTRAINT "punch_voids_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_approvals" ADD CONSTRAINT "timesheet_approvals_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timesheet_approvals" ADD CONSTRAINT "timesheet_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "absences_occurrence_key" ON "absences" USING btree ("shift_id","occurrence_date");--> statement-breakpoint
CREATE INDEX "absences_date_idx" ON "absences" USING btree ("occurrence_date");--> statement-breakpoint
CREATE INDEX "ledger_entity_idx" ON "ledger" USING btree ("entity","seq");--> statement-breakpoint
CREATE INDEX "ledger_at_idx" ON "ledger" USING btree ("at");--> statement-breakpoint
CREATE INDEX "timesheet_approvals_staff_idx" ON "timesheet_approvals" USING btree ("staff_id","from_date");--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_supersedes_id_attendance_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."attendance"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_first_punch_key" ON "attendance" USING btree ("shift_id","occurrence_date","kind") WHERE "attendance"."supersedes_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_supersedes_key" ON "attendance" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "attendance_occurrence_idx" ON "attendance" USING btree ("occurrence_date","shift_id");--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_source_check" CHECK ("attendance"."source" in ('kiosk', 'api', 'manager'));--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_manager_reason" CHECK ("attendance"."source" <> 'manager' or ("attendance"."reason" is not null and "attendance"."created_by" is not null));--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_rounding_choices" CHECK ("settings"."rounding_minutes" in (0, 5, 6, 10, 15));--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_break_range" CHECK ("settings"."break_minutes" between 0 and 180);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_week_starts_on_range" CHECK ("settings"."week_starts_on" between 1 and 7);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_pay_period_check" CHECK ("settings"."pay_period" in ('weekly', 'fortnightly', 'semimonthly', 'monthly'));--> statement-breakpoint
-- The ledger is append-only: rows can be added, never changed or removed (TRUNCATE, an owner's
-- whole-table reset, is not a row change; tests use it between cases).
CREATE FUNCTION "ledger_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The ledger is append-only: % of entry % refused.', TG_OP, OLD.seq USING ERRCODE = 'raise_exception';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "ledger_append_only" BEFORE UPDATE OR DELETE ON "ledger" FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_change"();
