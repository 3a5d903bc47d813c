ALTER TABLE "attendance" DROP CONSTRAINT "attendance_source_check";--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "camera_state" text;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "camera_error" text;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "queue_length" integer;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "app_version" text;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "offline_alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "kiosk_offline_alert_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_source_check" CHECK ("attendance"."source" in ('kiosk', 'kiosk_offline', 'api', 'manager'));--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_kiosk_offline_alert_range" CHECK ("settings"."kiosk_offline_alert_minutes" between 1 and 1440);