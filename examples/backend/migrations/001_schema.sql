-- The application schema. testing/scripts/reset-db.mjs drops and recreates it before a batch.
CREATE TABLE customers (
  id         text PRIMARY KEY,
  email      text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));

CREATE TABLE invoices (
  id          text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'void')),
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  paid_at     timestamptz
);

CREATE TABLE invoice_lines (
  invoice_id  text NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  description text NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  unit_cents  integer NOT NULL CHECK (unit_cents >= 0),
  PRIMARY KEY (invoice_id, position)
);
