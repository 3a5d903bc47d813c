CREATE TABLE "face_checks" (
	"attendance_id" integer PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"claimed_at" timestamp with time zone,
	"verdict" text,
	"distance" double precision,
	"analysed_at" timestamp with time zone,
	"review" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "face_checks_state_check" CHECK ("face_checks"."state" in ('pending', 'analysing', 'done')),
	CONSTRAINT "face_checks_verdict_check" CHECK ("face_checks"."verdict" is null or "face_checks"."verdict" in ('match', 'mismatch', 'no_face', 'several_faces', 'no_reference')),
	CONSTRAINT "face_checks_review_check" CHECK ("face_checks"."review" is null or "face_checks"."review" in ('confirmed', 'flagged'))
);
--> statement-breakpoint
CREATE TABLE "photo_views" (
	"user_id" integer NOT NULL,
	"photo_id" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "photo_views_user_id_photo_id_day_pk" PRIMARY KEY("user_id","photo_id","day")
);
--> statement-breakpoint
CREATE TABLE "staff_faces" (
	"staff_id" integer PRIMARY KEY NOT NULL,
	"photo_id" text NOT NULL,
	"descriptor" double precision[] NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"set_by" integer
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "photo_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "photo_reused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "face_check" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "face_match_threshold" double precision;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "photo_retention_days" integer DEFAULT 56 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "api_check_in" text DEFAULT 'allow' NOT NULL;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_attendance_id_attendance_id_fk" FOREIGN KEY ("attendance_id") REFERENCES "public"."attendance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_views" ADD CONSTRAINT "photo_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_faces" ADD CONSTRAINT "staff_faces_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_faces" ADD CONSTRAINT "staff_faces_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_faces" ADD CONSTRAINT "staff_faces_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "face_checks_waiting_idx" ON "face_checks" USING btree ("attendance_id") WHERE "face_checks"."state" <> 'done';--> statement-breakpoint
CREATE INDEX "attendance_photo_idx" ON "attendance" USING btree ("photo_id");--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_face_check_check" CHECK ("settings"."face_check" in ('off', 'flag'));--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_face_threshold_range" CHECK ("settings"."face_match_threshold" is null or "settings"."face_match_threshold" between 0.1 and 1.5);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_photo_retention_range" CHECK ("settings"."photo_retention_days" between 0 and 3650);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_api_check_in_check" CHECK ("settings"."api_check_in" in ('allow', 'refuse'));