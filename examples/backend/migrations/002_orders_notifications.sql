CREATE TABLE orders (
  id          text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  invoice_id  text REFERENCES invoices (id),
  status      text NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'shipped', 'cancelled')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
  order_id   text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  sku        text NOT NULL,
  quantity   integer NOT NULL CHECK (quantity > 0),
  unit_cents integer NOT NULL CHECK (unit_cents >= 0),
  PRIMARY KEY (order_id, sku)
);

CREATE TABLE notifications (
  id          text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  subject     text NOT NULL,
  body        text NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  sent_at     timestamptz
);
