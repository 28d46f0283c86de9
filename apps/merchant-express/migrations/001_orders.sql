-- Orders the merchant site created. Amounts are NUMERIC and travel as decimal strings, never floats.
CREATE TABLE orders (
  merchant_order_id   TEXT PRIMARY KEY,
  et_order_id         TEXT UNIQUE,                     -- ET's order id, once create order succeeded
  student_first_name  TEXT NOT NULL,
  student_last_name   TEXT NOT NULL,
  student_email       TEXT NOT NULL DEFAULT '',
  school_name         TEXT NOT NULL,
  country_code        TEXT NOT NULL,
  fee_type            INTEGER NOT NULL,
  amount              NUMERIC NOT NULL CHECK (amount > 0),
  currency_code       TEXT NOT NULL,
  -- ET's order_status (constants.json order_status); NULL until ET accepted the order.
  status              INTEGER,
  -- ET's time of the event that set `status`: a late, older notification never moves the status back.
  status_at           TIMESTAMPTZ,
  create_error        TEXT,                            -- safe error code when create order failed
  refunded_amount     NUMERIC NOT NULL DEFAULT 0,
  voucher_url         TEXT,
  last_reconciled_at  TIMESTAMPTZ,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX orders_awaiting_payment ON orders (created_at) WHERE status = 0;
