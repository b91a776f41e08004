import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../../src/http/work-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('work after the acknowledgement', () => {
  it('runs at most the bound at once and the rest in order as slots free', async () => {
    const errors: string[] = [];
    const queue = createWorkQueue(2, (what) => errors.push(what));
    let running = 0;
    let most = 0;
    const order: number[] = [];
    for (let i = 0; i < 6; i++) {
      queue.push(`task ${i}`, async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await tick();
        running -= 1;
      });
    }
    // Nothing starts in the turn that queued it: requests waiting to be acknowledged go first.
    expect(running).toBe(0);
    await new Promise(setImmediate);
    expect(running).toBe(2);
    await queue.idle();
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(errors).toEqual([]);
  });

  it('logs a failing task and carries on with the next', async () => {
    const errors: [string, unknown][] = [];
    const queue = createWorkQueue(1, (what, error) => errors.push([what, error]));
    let ran = false;
    queue.push('fails', async () => {
      throw new Error('boom');
    });
    queue.push('runs', async () => {
      ran = true;
    });
    await queue.idle();
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe('fails');
  });

  it('is idle at once when nothing is queued', async () => {
    await expect(createWorkQueue(1, () => {}).idle()).resolves.toBeUndefined();
  });
});
