-- Payloads too big for NOTIFY (8000 bytes) that @socket.io/postgres-adapter
-- passes between server processes. Unused with the embedded database.
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
	"id" bigserial UNIQUE,
	"created_at" timestamptz DEFAULT now(),
	"payload" bytea
);
