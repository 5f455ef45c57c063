import { describe, expect, it } from 'vitest';
import { AccountQueue } from '../../source/services/accountQueue.js';
import { describeProgress, timeLeft } from '../../source/services/progress.js';

const drain = (queue: AccountQueue): string[] => {
  const taken: string[] = [];
  for (let id = queue.take(); id !== undefined; id = queue.take()) taken.push(id);
  return taken;
};

describe('AccountQueue', () => {
  it('hands accounts out in the starting order, each once', () => {
    expect(drain(new AccountQueue(['a', 'b', 'c']))).toEqual(['a', 'b', 'c']);
  });

  it('puts the preferred accounts next, skipping those taken already, and a new preference replaces the last', () => {
    const queue = new AccountQueue(['fav', 'a', 'b', 'c', 'd', 'e']);
    expect(queue.take()).toBe('fav');
    queue.prefer(['d', 'fav', 'c']);
    expect(queue.take()).toBe('d');
    queue.prefer(['e']);
    expect(drain(queue)).toEqual(['e', 'a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });
});

describe('progress', () => {
  const at = (seconds: number): Date => new Date(Date.UTC(2030, 0, 1, 0, 0, seconds));

  it('tells the time left at the rate since the first batch, once there is a rate', () => {
    expect(timeLeft({ total: 2_500, done: 0 })).toBeUndefined();
    expect(
      timeLeft({ total: 2_500, done: 20, first: { done: 20, at: at(0) }, lastAt: at(0) }),
    ).toBeUndefined();
    // 150 more in 10 s: 15 a second, 2,330 to go.
    const progress = { total: 2_500, done: 170, first: { done: 20, at: at(0) }, lastAt: at(10) };
    expect(timeLeft(progress)).toBeCloseTo((2_330 / 15) * 1000);
    expect(describeProgress('roles', progress)).toBe('roles 170 / 2,500 · 2m 35s left');
    expect(describeProgress('roles', { ...progress, done: 2_500 })).toBe('roles 2,500 / 2,500');
  });
});
