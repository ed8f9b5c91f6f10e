'use strict';
const { inTransaction } = require('../db.js');

/** Thrown when an invoice operation is not allowed in its current state. */
class BillingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BillingError';
  }
}

/** Sum of quantity × unit price, in cents. */
function totalOf(lines) {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitCents, 0);
}

/**
 * Issues an invoice with its lines in one transaction. `db` is a pool (a transaction is
 * opened) or a client already inside a caller's transaction (`{ transaction: false }`).
 */
async function createInvoice(db, { id, customerId, lines }, { transaction = true } = {}) {
  if (!Array.isArray(lines) || lines.length === 0) throw new BillingError('an invoice needs at least one line');
  const write = async (client) => {
    const { rows } = await client.query(
      'INSERT INTO invoices (id, customer_id, total_cents) VALUES ($1, $2, $3) RETURNING id, customer_id, status, total_cents',
      [id, customerId, totalOf(lines)],
    );
    for (const [index, line] of lines.entries()) {
      await client.query(
        'INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_cents) VALUES ($1, $2, $3, $4, $5)',
        [id, index + 1, line.description, line.quantity, line.unitCents],
      );
    }
    return toInvoice(rows[0]);
  };
  return transaction ? inTransaction(db, write) : write(db);
}

/** Marks an open invoice paid; paying twice or paying a void invoice is an error. */
async function markPaid(db, id) {
  const { rows } = await db.query(
    "UPDATE invoices SET status = 'paid', paid_at = now() WHERE id = $1 AND status = 'open' RETURNING id, customer_id, status, total_cents",
    [id],
  );
  if (rows.length === 0) throw new BillingError(`invoice ${JSON.stringify(id)} is not open (${await statusOf(db, id)})`);
  return toInvoice(rows[0]);
}

/** Voids an open invoice. */
async function voidInvoice(db, id) {
  const { rows } = await db.query(
    "UPDATE invoices SET status = 'void' WHERE id = $1 AND status = 'open' RETURNING id, customer_id, status, total_cents",
    [id],
  );
  if (rows.length === 0) throw new BillingError(`invoice ${JSON.stringify(id)} cannot be voided (${await statusOf(db, id)})`);
  return toInvoice(rows[0]);
}

/** What a customer still owes: the sum of their open invoices, in cents. */
async function openBalance(db, customerId) {
  const { rows } = await db.query(
    "SELECT coalesce(sum(total_cents), 0)::int AS cents FROM invoices WHERE customer_id = $1 AND status = 'open'",
    [customerId],
  );
  return rows[0].cents;
}

/** The invoice's lines in order. */
async function invoiceLines(db, id) {
  const { rows } = await db.query(
    'SELECT position, description, quantity, unit_cents FROM invoice_lines WHERE invoice_id = $1 ORDER BY position',
    [id],
  );
  return rows.map((row) => ({ position: row.position, description: row.description, quantity: row.quantity, unitCents: row.unit_cents }));
}

async function statusOf(db, id) {
  const { rows } = await db.query('SELECT status FROM invoices WHERE id = $1', [id]);
  return rows[0] ? `status ${rows[0].status}` : 'no such invoice';
}

function toInvoice(row) {
  return { id: row.id, customerId: row.customer_id, status: row.status, totalCents: row.total_cents };
}

module.exports = { BillingError, totalOf, createInvoice, markPaid, voidInvoice, openBalance, invoiceLines };
