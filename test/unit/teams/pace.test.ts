import { describe, expect, it } from 'vitest';
import { createSendPacer, PacedTooLong } from '../../../src/teams/pace.js';

/** A pacer on a clock that moves only when it sleeps (or a send takes time). */
function pacerOnFakeClock(options: { maxWaitMs?: number; limits?: { count: number; ms: number }[] } = {}) {
  let now = 0;
  const slept: number[] = [];
  const pacer = createSendPacer({ ...options, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) });
  return { pacer, slept, at: () => now, advance: (ms: number) => (now += ms) };
}

describe('the Teams send pacer', () => {
  it('lets 7 through at once, then holds the 8th and 9th to the 1 s and 2 s windows', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    for (let i = 0; i < 9; i++) await pacer.run('conv', async () => i);
    expect(slept).toEqual([1_000, 1_000]);
  });

  it('serialises concurrent sends to one conversation and leaves others alone', async () => {
    const { pacer, slept } = pacerOnFakeClock({ limits: [{ count: 1, ms: 500 }] });
    const order: string[] = [];
    await Promise.all(['a1', 'a2', 'b1'].map((id) => pacer.run(id[0]!, async () => void order.push(id))));
    expect(order.sort()).toEqual(['a1', 'a2', 'b1']);
    expect(slept).toEqual([500]);
  });

  it('does not sleep through a spent hourly budget: it says how long to come back in', async () => {
    const { pacer } = pacerOnFakeClock({ limits: [{ count: 2, ms: 3_600_000 }], maxWaitMs: 30_000 });
    await pacer.run('c', async () => 1);
    await pacer.run('c', async () => 2);
    const third = pacer.run('c', async () => 3);
    await expect(third).rejects.toBeInstanceOf(PacedTooLong);
    await expect(third).rejects.toMatchObject({ waitMs: 3_600_000 });
  });

  it('counts a send that failed, as Teams does', async () => {
    const { pacer, slept } = pacerOnFakeClock({ limits: [{ count: 1, ms: 1_000 }] });
    await expect(pacer.run('c', async () => Promise.reject(new Error('429')))).rejects.toThrow('429');
    await pacer.run('c', async () => 'ok');
    expect(slept).toEqual([1_000]);
  });
});
