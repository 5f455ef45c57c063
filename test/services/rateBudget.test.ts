import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../source/services/rateBudget.js';

/** A budget on a fake clock: `take` advances time by the wait it asks for, so turns can be read off. */
function fakeBudget(options: { initialRate?: number; maxRate?: number } = {}) {
  let now = 0;
  const budget = new RateBudget({
    ...options,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return {
    budget,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('rate budget', () => {
  it('paces calls evenly at the current rate', async () => {
    const { budget, now } = fakeBudget({ initialRate: 20, maxRate: 20 });
    const turns: number[] = [];
    for (let i = 0; i < 5; i++) {
      await budget.take();
      turns.push(now());
    }
    expect(turns).toEqual([0, 50, 100, 150, 200]);
  });

  it('halves once for a burst of throttles, pauses a second, then recovers with successes', async () => {
    const { budget, now } = fakeBudget({ initialRate: 20, maxRate: 20 });
    budget.throttled();
    budget.throttled();
    budget.throttled();
    expect(budget.currentRate).toBe(10);
    await budget.take();
    expect(now()).toBe(1000);
    for (let i = 0; i < 200; i++) budget.succeeded();
    expect(budget.currentRate).toBe(20);
  });

  it('never goes below its minimum rate', () => {
    const { budget, advance } = fakeBudget({ initialRate: 4 });
    for (let i = 0; i < 10; i++) {
      budget.throttled();
      advance(1000);
    }
    expect(budget.currentRate).toBe(1);
  });

  it('recovers additively: each success adds a tenth of a call per second, up to the maximum', () => {
    const { budget } = fakeBudget({ initialRate: 4, maxRate: 5 });
    budget.succeeded();
    expect(budget.currentRate).toBeCloseTo(4.1, 10);
    for (let i = 0; i < 4; i++) budget.succeeded();
    expect(budget.currentRate).toBeCloseTo(4.5, 10);
    for (let i = 0; i < 10; i++) budget.succeeded();
    expect(budget.currentRate).toBe(5);
  });

  it('lets a call whose turn has come go at once, without asking to sleep', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const budget = new RateBudget({
      initialRate: 10,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    await budget.take();
    now += 100;
    await budget.take();
    await budget.take();
    expect(sleeps).toEqual([100]);
  });
});
