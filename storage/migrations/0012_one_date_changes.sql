ALTER TABLE "shift_overrides" ADD COLUMN "start_time" time;--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD COLUMN "end_time" time;--> statement-breakpoint
ALTER TABLE "shifts" ADD COLUMN "one_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "shifts" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD CONSTRAINT "shift_overrides_times_together" CHECK (("shift_overrides"."start_time" is null) = ("shift_overrides"."end_time" is null));