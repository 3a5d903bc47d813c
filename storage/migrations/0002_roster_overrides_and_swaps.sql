CREATE TABLE "shift_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"shift_id" integer NOT NULL,
	"date" date NOT NULL,
	"assignee_staff_id" integer,
	"cancelled" boolean DEFAULT false NOT NULL,
	"swap_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_overrides_assignee_or_cancelled" CHECK (("shift_overrides"."assignee_staff_id" is null) = "shift_overrides"."cancelled")
);
--> statement-breakpoint
CREATE TABLE "swaps" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposer_staff_id" integer NOT NULL,
	"counterpart_staff_id" integer NOT NULL,
	"shift_id" integer NOT NULL,
	"shift_date" date NOT NULL,
	"return_shift_id" integer,
	"return_shift_date" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "swaps_status_check" CHECK ("swaps"."status" in ('pending', 'awaiting_manager', 'done', 'declined', 'rejected', 'cancelled')),
	CONSTRAINT "swaps_distinct_people" CHECK ("swaps"."proposer_staff_id" <> "swaps"."counterpart_staff_id"),
	CONSTRAINT "swaps_return_complete" CHECK (("swaps"."return_shift_id" is null) = ("swaps"."return_shift_date" is null))
);
--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD CONSTRAINT "shift_overrides_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD CONSTRAINT "shift_overrides_assignee_staff_id_staff_id_fk" FOREIGN KEY ("assignee_staff_id") REFERENCES "public"."staff"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD CONSTRAINT "shift_overrides_swap_id_swaps_id_fk" FOREIGN KEY ("swap_id") REFERENCES "public"."swaps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_overrides" ADD CONSTRAINT "shift_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swaps" ADD CONSTRAINT "swaps_proposer_staff_id_staff_id_fk" FOREIGN KEY ("proposer_staff_id") REFERENCES "public"."staff"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swaps" ADD CONSTRAINT "swaps_counterpart_staff_id_staff_id_fk" FOREIGN KEY ("counterpart_staff_id") REFERENCES "public"."staff"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swaps" ADD CONSTRAINT "swaps_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swaps" ADD CONSTRAINT "swaps_return_shift_id_shifts_id_fk" FOREIGN KEY ("return_shift_id") REFERENCES "public"."shifts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swaps" ADD CONSTRAINT "swaps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shift_overrides_occurrence_key" ON "shift_overrides" USING btree ("shift_id","date");--> statement-breakpoint
CREATE INDEX "shift_overrides_date_idx" ON "shift_overrides" USING btree ("date");--> statement-breakpoint
CREATE INDEX "shift_overrides_assignee_idx" ON "shift_overrides" USING btree ("assignee_staff_id");--> statement-breakpoint
CREATE INDEX "swaps_proposer_idx" ON "swaps" USING btree ("proposer_staff_id");--> statement-breakpoint
CREATE INDEX "swaps_counterpart_idx" ON "swaps" USING btree ("counterpart_staff_id");