ALTER TABLE "punch_voids" ALTER COLUMN "voided_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "punch_voids" ADD COLUMN "voided_by_kiosk" integer;--> statement-breakpoint
ALTER TABLE "punch_voids" ADD CONSTRAINT "punch_voids_voided_by_kiosk_kiosks_id_fk" FOREIGN KEY ("voided_by_kiosk") REFERENCES "public"."kiosks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_voids" ADD CONSTRAINT "punch_voids_one_voider" CHECK (("punch_voids"."voided_by" is null) <> ("punch_voids"."voided_by_kiosk" is null));