CREATE TABLE "photo_blobs" (
	"photo_id" text PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "photo_blobs" ADD CONSTRAINT "photo_blobs_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- WebP is compressed already: keep it out of line without trying to compress it again.
ALTER TABLE "photo_blobs" ALTER COLUMN "data" SET STORAGE EXTERNAL;
