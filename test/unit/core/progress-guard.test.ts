// The progress service guards itself (access.ts), on PGlite and PostgreSQL: a mentee sees only their
// own, a mentor their own mentees (audited), a coordinator anyone and the whole program.
import { describe, expect, it } from 'vitest';
import { menteeProgressFor, mentorOverviewFor, programProgressFor } from '../../../src/core/services/progress.service.js';
import { addPairing, addPerson, makeContext } from '../../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';

describe.each(STORE_KINDS)('who may see progress, on %s', (kind) => {
  const store = useTestStore(kind);

  it('a mentee their own only; a mentor their mentees (audited); a coordinator anyone and the program', async () => {
    const ctx = await makeContext(store().prisma);
    const cora = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
    const max = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'] });
    const mia = await addPerson(ctx, { name: 'Mia Mentee' });
    const noa = await addPerson(ctx, { name: 'Noa Mentee' });
    await addPairing(ctx, max, mia, '2026-01-05');

    expect((await menteeProgressFor(ctx, mia, mia.personId)).name).toBe('Mia Mentee');
    await expect(menteeProgressFor(ctx, mia, noa.personId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(programProgressFor(ctx, mia)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(mentorOverviewFor(ctx, mia, max.personId)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect((await menteeProgressFor(ctx, max, mia.personId)).name).toBe('Mia Mentee');
    await expect(menteeProgressFor(ctx, max, noa.personId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await mentorOverviewFor(ctx, max, max.personId)).rows.map((r) => r.name)).toEqual(['Mia Mentee']);
    await expect(programProgressFor(ctx, max)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect((await programProgressFor(ctx, cora)).rows.map((r) => r.name).sort()).toEqual(['Mia Mentee', 'Noa Mentee']);
    expect((await mentorOverviewFor(ctx, cora, max.personId)).rows).toHaveLength(1);
    expect((await menteeProgressFor(ctx, cora, noa.personId)).name).toBe('Noa Mentee');
    expect(await ctx.db.auditEvent.count({ where: { action: 'progress.view' } })).toBe(2);
  });
});
