-- The durable inbox. A notification (or a reconciliation finding) is applied in ONE transaction that first
-- inserts its row here and then performs its effects; a second delivery finds the row and does nothing.
-- A crash or error rolls both back, so ET's next resend applies it. See README "Notifications, exactly once".
CREATE TABLE notification_inbox (
  dedupe_key   TEXT PRIMARY KEY,          -- @etkit/notify's idempotency key (same for every resend), or
                                          -- reconciliation:<ET order id>:<status>
  kind         TEXT NOT NULL,             -- payment_result | order_status_change | refund_result |
                                          -- remittance_voucher | reconciliation | unknown
  et_order_id  TEXT,
  fields       JSONB NOT NULL,            -- the verified fields as received (no personal data in notifications)
  outcome      TEXT NOT NULL,             -- what applying it did, for people reading the table
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX notification_inbox_order ON notification_inbox (et_order_id);

-- Effects. Each has a natural key, so even a reconciliation that races a notification cannot double-count.
CREATE TABLE payments (
  et_order_id   TEXT PRIMARY KEY REFERENCES orders (et_order_id),
  pay_amount    NUMERIC,                  -- NULL when only a reconciliation saw the payment, without an amount
  pay_currency  TEXT,
  paid_at       TIMESTAMPTZ,
  source        TEXT NOT NULL,            -- notification | reconciliation
  dedupe_key    TEXT NOT NULL REFERENCES notification_inbox (dedupe_key)
);

CREATE TABLE refunds (
  et_order_id      TEXT NOT NULL REFERENCES orders (et_order_id),
  refund_order_id  TEXT NOT NULL,
  refund_result    INTEGER NOT NULL,
  refund_amount    NUMERIC NOT NULL,
  refunded_at      TIMESTAMPTZ,
  dedupe_key       TEXT NOT NULL REFERENCES notification_inbox (dedupe_key),
  PRIMARY KEY (et_order_id, refund_order_id, refund_result)
);

-- One line per applied effect, for the order page's history and for tests that count effects.
CREATE TABLE order_events (
  id           BIGSERIAL PRIMARY KEY,
  et_order_id  TEXT NOT NULL REFERENCES orders (et_order_id),
  dedupe_key   TEXT NOT NULL REFERENCES notification_inbox (dedupe_key),
  effect       TEXT NOT NULL,             -- paid | payment_failed | status | refunded | refund_failed | voucher
  detail       TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX order_events_order ON order_events (et_order_id, id);
