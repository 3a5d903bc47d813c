CREATE TABLE "kiosk_attempts" (
	"attempt_hash" text PRIMARY KEY NOT NULL,
	"kiosk_id" integer NOT NULL,
	"request_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "pin_unlocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kiosk_attempts" ADD CONSTRAINT "kiosk_attempts_kiosk_id_kiosks_id_fk" FOREIGN KEY ("kiosk_id") REFERENCES "public"."kiosks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kiosk_attempts_expires_at_idx" ON "kiosk_attempts" USING btree ("expires_at");