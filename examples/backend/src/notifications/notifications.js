'use strict';

const TEMPLATES = {
  invoice_issued: { subject: 'Invoice {{invoiceId}}', body: 'Hello {{name}}, your invoice {{invoiceId}} of {{amount}} is ready.' },
  order_shipped: { subject: 'Order {{orderId}} shipped', body: 'Hello {{name}}, order {{orderId}} is on its way.' },
};

const MAX_ATTEMPTS = 3;

/** Formats cents as an amount with two decimals and a currency code. */
function formatAmount(cents, currency = 'EUR') {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

/**
 * Renders a named template. Placeholders are filled with HTML-escaped values (the body is
 * sent as HTML mail); a missing value is an error rather than an empty hole in a customer mail.
 */
function render(templateName, data) {
  const template = TEMPLATES[templateName];
  if (!template) throw new Error(`unknown template ${JSON.stringify(templateName)}; known: ${Object.keys(TEMPLATES).join(', ')}`);
  const fill = (text) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, key) => {
      if (data[key] === undefined) throw new Error(`template ${templateName}: missing value for ${key}`);
      return escapeHtml(String(data[key]));
    });
  return { subject: fill(template.subject), body: fill(template.body) };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Queues a notification (status pending) rendered from a template. */
async function enqueue(db, { id, customerId, channel, template, data }) {
  const { subject, body } = render(template, data);
  await db.query('INSERT INTO notifications (id, customer_id, channel, subject, body) VALUES ($1, $2, $3, $4, $5)', [
    id,
    customerId,
    channel,
    subject,
    body,
  ]);
  return { id, subject, body, status: 'pending' };
}

/**
 * Sends up to `limit` pending notifications whose id starts with `idPrefix` through
 * `transport.send({ id, channel, subject, body })`. A failed send is retried on a later call
 * until MAX_ATTEMPTS, then marked failed. Returns { sent, failed, retried }.
 */
async function deliverPending(db, transport, { idPrefix = '', limit = 50 } = {}) {
  const { rows } = await db.query(
    "SELECT id, channel, subject, body, attempts FROM notifications WHERE status = 'pending' AND starts_with(id, $1) ORDER BY id LIMIT $2",
    [idPrefix, limit],
  );
  const outcome = { sent: 0, failed: 0, retried: 0 };
  for (const row of rows) {
    try {
      await transport.send({ id: row.id, channel: row.channel, subject: row.subject, body: row.body });
      await db.query("UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = now() WHERE id = $1", [row.id]);
      outcome.sent++;
    } catch (error) {
      const final = row.attempts + 1 >= MAX_ATTEMPTS;
      await db.query('UPDATE notifications SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1', [
        row.id,
        String(error.message ?? error),
        final ? 'failed' : 'pending',
      ]);
      if (final) outcome.failed++;
      else outcome.retried++;
    }
  }
  return outcome;
}

module.exports = { MAX_ATTEMPTS, formatAmount, render, enqueue, deliverPending };
