ALTER TABLE "settings" ADD COLUMN "locale" text DEFAULT 'en-GB' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "clock" text DEFAULT '24h' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_clock_check" CHECK ("settings"."clock" in ('24h', '12h'));