'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer, getCustomer, renameCustomer, CustomerError } = require('../../../../src/customers/customers.js');

const db = useTestDb('customers_crud');

describe('customers', () => {
  test('creates a customer and reads it back', async () => {
    const created = await createCustomer(db.pool, { id: db.id('ada'), email: ' ada@example.com ', name: 'Ada Lovelace' });
    expect(created).toEqual({ id: db.id('ada'), email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(await getCustomer(db.pool, db.id('ada'))).toEqual(created);
  });

  test('renames a customer', async () => {
    await createCustomer(db.pool, { id: db.id('bob'), email: 'bob@example.com', name: 'Bob' });
    const renamed = await renameCustomer(db.pool, db.id('bob'), '  Robert ');
    expect(renamed.name).toBe('Robert');
  });

  test('renaming an unknown customer is an error', async () => {
    await expect(renameCustomer(db.pool, db.id('nobody'), 'X')).rejects.toThrow(CustomerError);
  });

  test('an unknown id reads as null', async () => {
    expect(await getCustomer(db.pool, db.id('missing'))).toBeNull();
  });
});
