'use strict';
const { useTestDb } = require('../../helpers/test-db.js');
const { createCustomer, findByEmail, CustomerError } = require('../../../../src/customers/customers.js');

const db = useTestDb('customers_email');

describe('customer emails', () => {
  test.each(['', 'plain', 'a@b', 'two words@example.com'])('rejects %j', async (email) => {
    await expect(createCustomer(db.pool, { id: db.id('bad'), email, name: 'X' })).rejects.toThrow(/invalid email/);
  });

  test('emails are unique regardless of case', async () => {
    await createCustomer(db.pool, { id: db.id('grace'), email: 'Grace@Example.com', name: 'Grace Hopper' });
    await expect(createCustomer(db.pool, { id: db.id('grace2'), email: 'grace@example.COM', name: 'Impostor' })).rejects.toThrow(
      CustomerError,
    );
  });

  test('finds a customer by email, case-insensitively', async () => {
    await createCustomer(db.pool, { id: db.id('linus'), email: 'linus@example.org', name: 'Linus' });
    expect(await findByEmail(db.pool, ' LINUS@example.org')).toMatchObject({ id: db.id('linus') });
    expect(await findByEmail(db.pool, 'nobody@example.org')).toBeNull();
  });
});
