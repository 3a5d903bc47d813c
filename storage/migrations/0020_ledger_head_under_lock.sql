-- The ledger's head, read once its lock is held: a punch's one statement (own-punch.queries.ts)
-- takes the lock and reads the head in the same round trip as its inserts. A volatile function's
-- query takes its own snapshot, so it sees an entry committed while it waited for the lock, which a
-- subquery of the calling statement (whose snapshot is older than the lock) would not. The lock's
-- key is the caller's (ledger.queries.ts), so every appender shares it. An empty ledger gives
-- seq 0 and the genesis hash.
CREATE FUNCTION "ledger_head_under_lock"("lock_key" bigint) RETURNS TABLE ("seq" bigint, "hash" text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock("lock_key");
  RETURN QUERY SELECT "ledger"."seq", "ledger"."hash" FROM "ledger" ORDER BY "ledger"."seq" DESC LIMIT 1;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 0::bigint, repeat('0', 64);
  END IF;
END;
$$;
