-- The settings table always holds exactly one row.
INSERT INTO "settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
