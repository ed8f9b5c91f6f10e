'use strict';
const { inTransaction } = require('../db.js');
const { createInvoice, voidInvoice } = require('../billing/invoices.js');

/** Thrown when an order cannot move to the requested state. */
class OrderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'OrderError';
  }
}

/**
 * Places an order and issues its invoice (id `<orderId>_inv`) in the same transaction: an
 * order never exists without its invoice.
 */
async function placeOrder(pool, { id, customerId, items }) {
  if (!Array.isArray(items) || items.length === 0) throw new OrderError('an order needs at least one item');
  return inTransaction(pool, async (client) => {
    const invoice = await createInvoice(
      client,
      {
        id: `${id}_inv`,
        customerId,
        lines: items.map((item) => ({ description: item.sku, quantity: item.quantity, unitCents: item.unitCents })),
      },
      { transaction: false },
    );
    await client.query('INSERT INTO orders (id, customer_id, invoice_id) VALUES ($1, $2, $3)', [id, customerId, invoice.id]);
    for (const item of items) {
      await client.query('INSERT INTO order_items (order_id, sku, quantity, unit_cents) VALUES ($1, $2, $3, $4)', [
        id,
        item.sku,
        item.quantity,
        item.unitCents,
      ]);
    }
    return { id, customerId, status: 'placed', invoiceId: invoice.id, totalCents: invoice.totalCents };
  });
}

/** Ships a placed order. */
async function shipOrder(db, id) {
  const { rowCount } = await db.query("UPDATE orders SET status = 'shipped' WHERE id = $1 AND status = 'placed'", [id]);
  if (rowCount === 0) throw new OrderError(`order ${JSON.stringify(id)} is not placed (${await statusOf(db, id)})`);
}

/** Cancels a placed order and voids its invoice; a shipped order cannot be cancelled. */
async function cancelOrder(pool, id) {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query('SELECT status, invoice_id FROM orders WHERE id = $1 FOR UPDATE', [id]);
    if (rows.length === 0) throw new OrderError(`no order ${JSON.stringify(id)}`);
    if (rows[0].status !== 'placed') throw new OrderError(`order ${JSON.stringify(id)} is ${rows[0].status} and cannot be cancelled`);
    await client.query("UPDATE orders SET status = 'cancelled' WHERE id = $1", [id]);
    if (rows[0].invoice_id) await voidInvoice(client, rows[0].invoice_id);
  });
}

/** An order with its items, or null. */
async function getOrder(db, id) {
  const { rows } = await db.query('SELECT id, customer_id, invoice_id, status FROM orders WHERE id = $1', [id]);
  if (rows.length === 0) return null;
  const items = await db.query('SELECT sku, quantity, unit_cents FROM order_items WHERE order_id = $1 ORDER BY sku', [id]);
  return {
    id: rows[0].id,
    customerId: rows[0].customer_id,
    invoiceId: rows[0].invoice_id,
    status: rows[0].status,
    items: items.rows.map((row) => ({ sku: row.sku, quantity: row.quantity, unitCents: row.unit_cents })),
  };
}

async function statusOf(db, id) {
  const { rows } = await db.query('SELECT status FROM orders WHERE id = $1', [id]);
  return rows[0] ? `status ${rows[0].status}` : 'no such order';
}

module.exports = { OrderError, placeOrder, shipOrder, cancelOrder, getOrder };
