CREATE TABLE "template_revision" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"revision" bigint NOT NULL,
	CONSTRAINT "template_revision_one_row" CHECK ("template_revision"."id")
);
--> statement-breakpoint
-- The counts come from a sequence of their own, which no TRUNCATE ... RESTART IDENTITY restarts: a
-- count is never current twice, even after the row is emptied away.
CREATE SEQUENCE "template_revision_counts";
--> statement-breakpoint
-- Once per transaction that changes the template, at its commit (the row triggers are deferred): a
-- process that read the template at the old count reads it again, and none sees the new count before
-- the change is visible. Deferred, the row is locked only while the changing transaction commits.
CREATE FUNCTION "bump_template_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('rollcall.template_bumped_in', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('rollcall.template_bumped_in', txid_current()::text, true);
    INSERT INTO "template_revision" ("id", "revision") VALUES (true, nextval('template_revision_counts'))
      ON CONFLICT ("id") DO UPDATE SET "revision" = excluded."revision";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
INSERT INTO "template_revision" ("id", "revision") VALUES (true, nextval('template_revision_counts'));
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "shifts_change_the_template" AFTER INSERT OR UPDATE OR DELETE ON "shifts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_template_revision"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "shift_versions_change_the_template" AFTER INSERT OR UPDATE OR DELETE ON "shift_versions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_template_revision"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "start_dates_change_the_template" AFTER UPDATE OF "started_on" ON "staff"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_template_revision"();
--> statement-breakpoint
CREATE TRIGGER "shifts_emptied_change_the_template" AFTER TRUNCATE ON "shifts" FOR EACH STATEMENT EXECUTE FUNCTION "bump_template_revision"();
--> statement-breakpoint
CREATE TRIGGER "shift_versions_emptied_change_the_template" AFTER TRUNCATE ON "shift_versions" FOR EACH STATEMENT EXECUTE FUNCTION "bump_template_revision"();
