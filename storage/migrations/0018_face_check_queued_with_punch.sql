-- A punch stored while the face check is on is queued for it by the statement that stores it:
-- whichever path stored the punch (kiosk, offline kiosk, API), none escapes the check, a restart
-- still finds it, and the kiosk's ack waits on no extra round trip. Managers' punches carry no photo.
CREATE FUNCTION "queue_face_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.source <> 'manager' AND EXISTS (SELECT 1 FROM "settings" WHERE "face_check" = 'flag') THEN
    INSERT INTO "face_checks" ("attendance_id") VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "attendance_queue_face_check" AFTER INSERT ON "attendance" FOR EACH ROW EXECUTE FUNCTION "queue_face_check"();
