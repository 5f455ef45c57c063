import { describe, expect, it } from 'vitest';
import { createListPool, createStringPool } from '../../source/services/stringPool.js';

describe('createStringPool', () => {
  it('gives back the first copy of each text', () => {
    const pooled = createStringPool();
    const first = ['Admin', 'istrator'].join('');
    const second = ['Administ', 'rator'].join('');
    expect(pooled(first)).toBe(first);
    expect(pooled(second)).toBe(first);
    expect(pooled('ReadOnly')).toBe('ReadOnly');
  });
});

describe('createListPool', () => {
  it('gives every equal list one frozen array, and distinct lists their own', () => {
    const pooled = createListPool();
    const admin = pooled(['AdministratorAccess', 'ReadOnlyAccess']);
    expect(pooled(['AdministratorAccess', 'ReadOnlyAccess'])).toBe(admin);
    expect(admin).toEqual(['AdministratorAccess', 'ReadOnlyAccess']);
    expect(Object.isFrozen(admin)).toBe(true);
    expect(pooled(['ReadOnlyAccess', 'AdministratorAccess'])).not.toBe(admin);
    expect(pooled(['AdministratorAccess'])).toEqual(['AdministratorAccess']);
    expect(pooled([])).toBe(pooled([]));
  });

  it('keeps the list it was given out of the pool: changing it later changes nothing pooled', () => {
    const pooled = createListPool();
    const given = ['AdministratorAccess'];
    const kept = pooled(given);
    given.push('Billing');
    expect(pooled(['AdministratorAccess'])).toBe(kept);
    expect(kept).toEqual(['AdministratorAccess']);
  });

  it('never takes one list for another whose names join to the same text', () => {
    const pooled = createListPool();
    const one = pooled(['a\nb']);
    const two = pooled(['a', 'b']);
    expect(two).toEqual(['a', 'b']);
    expect(one).toEqual(['a\nb']);
    expect(pooled(['a\nb'])).toBe(one);
  });

  it('stops pooling after 10,000 distinct lists, giving each later list as it is', () => {
    const pooled = createListPool();
    for (let index = 0; index < 10_000; index++) pooled([`Role${index}`]);
    const late = ['Late'];
    expect(pooled(late)).toBe(late);
    expect(pooled(['Late'])).not.toBe(late);
    expect(pooled(['Role5'])).toBe(pooled(['Role5']));
  });
});
