'use strict';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Thrown for input the domain rejects (bad email, duplicate email, unknown customer). */
class CustomerError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CustomerError';
  }
}

/** Creates a customer. Emails are unique regardless of case. */
async function createCustomer(db, { id, email, name }) {
  if (!EMAIL.test((email ?? '').trim())) throw new CustomerError(`invalid email ${JSON.stringify(email)}`);
  if (!name || !name.trim()) throw new CustomerError('a customer needs a name');
  try {
    const { rows } = await db.query(
      'INSERT INTO customers (id, email, name) VALUES ($1, $2, $3) RETURNING id, email, name',
      [id, email.trim(), name.trim()],
    );
    return rows[0];
  } catch (error) {
    if (error.code === '23505') throw new CustomerError(`email ${JSON.stringify(email)} is already registered`);
    throw error;
  }
}

/** The customer with this id, or null. */
async function getCustomer(db, id) {
  const { rows } = await db.query('SELECT id, email, name FROM customers WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The customer with this email (case-insensitive), or null. */
async function findByEmail(db, email) {
  const { rows } = await db.query('SELECT id, email, name FROM customers WHERE lower(email) = lower($1)', [email.trim()]);
  return rows[0] ?? null;
}

/** Renames a customer; throws CustomerError when it does not exist. */
async function renameCustomer(db, id, name) {
  if (!name || !name.trim()) throw new CustomerError('a customer needs a name');
  const { rows } = await db.query('UPDATE customers SET name = $2 WHERE id = $1 RETURNING id, email, name', [id, name.trim()]);
  if (rows.length === 0) throw new CustomerError(`no customer ${JSON.stringify(id)}`);
  return rows[0];
}

module.exports = { CustomerError, createCustomer, getCustomer, findByEmail, renameCustomer };
