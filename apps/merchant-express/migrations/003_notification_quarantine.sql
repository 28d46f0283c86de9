-- Notifications ET signed (the salt verified) that @etkit/notify could not read into their kind: a known kind
-- missing a field, say. They are refused, so ET resends them, and after ET's last resend they would be gone;
-- here they wait for a person. Kept apart from notification_inbox on purpose: a row there means "applied", and
-- a later release that can read the notification must still apply it.
CREATE TABLE notification_quarantine (
  dedupe_key         TEXT PRIMARY KEY,      -- @etkit/notify's idempotency key (same for every resend)
  kind               TEXT NOT NULL,         -- the kind its fields point to
  et_order_id        TEXT,
  fields             JSONB NOT NULL,        -- the verified fields as received, without sign
  reason             TEXT NOT NULL,         -- why they could not be read (names the field, never a value)
  deliveries         INTEGER NOT NULL DEFAULT 1,
  first_received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_received_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
