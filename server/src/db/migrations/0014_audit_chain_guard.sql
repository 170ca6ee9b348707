-- The hash chain's end (AUD-03): one row, seq 0 and the genesis link (64 zeros) before the first event.
INSERT INTO audit_chain_head (id, seq, link) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- Still append-only. One exception: an event written before the chain existed (no seq, no link) may get
-- its seq, link and key version once, and nothing else may change — Shifan chains such events at its
-- first start after this migration (it needs the key, which the database does not hold).
CREATE OR REPLACE FUNCTION shifan_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.link IS NULL
     AND NEW.seq IS NOT NULL AND NEW.link IS NOT NULL AND NEW.key_version IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'link' - 'key_version') = (to_jsonb(OLD) - 'seq' - 'link' - 'key_version') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
