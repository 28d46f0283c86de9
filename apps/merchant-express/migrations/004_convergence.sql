-- Convergence with ET's truth (README "Convergence"). Notifications order events by ET's second-resolution time;
-- where they cannot (two statuses in the same second, a status set by a check then contradicted), the order is
-- marked for a check: the batch query's answer, applied only if no notification touched the order meanwhile.
ALTER TABLE orders
  -- Bumped by every notification applied to the order: a check whose question was asked before the bump is stale.
  ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0,
  -- The change_seq at which a notification asked for a check; the order needs one while it exceeds checked_seq.
  ADD COLUMN check_wanted_seq BIGINT NOT NULL DEFAULT 0,
  -- The change_seq of the order when the last check's answer was applied.
  ADD COLUMN checked_seq BIGINT NOT NULL DEFAULT 0,
  -- The status came from a check, not from a notification: its time is unknown in ET's clock.
  ADD COLUMN status_from_check BOOLEAN NOT NULL DEFAULT false;

-- Refund rows a check added because ET's refunded total exceeded what notifications had told us; the refund's
-- own notification, when it comes, takes their place.
ALTER TABLE refunds ADD COLUMN source TEXT NOT NULL DEFAULT 'notification';

CREATE INDEX orders_check_wanted ON orders (et_order_id) WHERE check_wanted_seq > checked_seq;
-- Closed (-1) and refunded (-2) are the only statuses ET never leaves.
CREATE INDEX orders_not_final ON orders (last_reconciled_at) WHERE status NOT IN (-1, -2);
