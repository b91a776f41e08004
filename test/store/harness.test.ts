import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { addPerson, makeContext } from '../support/fixtures.js';

describe.each(STORE_KINDS)('test store on %s', (kind) => {
  const store = useTestStore(kind);

  it('starts empty and migrated for every test', async () => {
    expect(await store().prisma.person.count()).toBe(0);
    expect(await store().isReady()).toBe(true);
  });

  it('creates the program and a person through the fixtures', async () => {
    const ctx = await makeContext(store().prisma);
    const mentee = await addPerson(ctx, { name: 'Amara Test', roles: ['MENTEE'] });
    expect([...mentee.roles]).toEqual(['MENTEE']);
    expect(mentee.enrollments[0]?.endDate).toBe('2027-01-04');
  });
});
