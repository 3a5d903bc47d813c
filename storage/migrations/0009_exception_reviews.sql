CREATE TABLE "exception_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"shift_id" integer NOT NULL,
	"occurrence_date" date NOT NULL,
	"type" text NOT NULL,
	"note" text NOT NULL,
	"reviewed_by" integer NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exception_reviews" ADD CONSTRAINT "exception_reviews_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_reviews" ADD CONSTRAINT "exception_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exception_reviews_key" ON "exception_reviews" USING btree ("shift_id","occurrence_date","type");--> statement-breakpoint
CREATE INDEX "exception_reviews_date_idx" ON "exception_reviews" USING btree ("occurrence_date");