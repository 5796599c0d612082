import { MemoryCache } from '../../../src/cache/memory-cache';

describe('MemoryCache', () => {
  it('returns what was set, null for what was not, and getMany in the order asked', async () => {
    const cache = new MemoryCache();
    await cache.set('a', 'one', 30);
    await cache.set('b', 'two', 30);
    expect(await cache.get('a')).toBe('one');
    expect(await cache.get('missing')).toBeNull();
    expect(await cache.getMany(['b', 'missing', 'a'])).toEqual(['two', null, 'one']);
  });

  it('deletes several keys at once', async () => {
    const cache = new MemoryCache();
    await cache.set('a', '1', 30);
    await cache.set('b', '2', 30);
    await cache.set('c', '3', 30);
    await cache.delete('a', 'c');
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual([null, '2', null]);
  });

  it('drops an entry once its TTL has passed', async () => {
    const cache = new MemoryCache();
    await cache.set('short', 'x', 1);
    await cache.set('long', 'y', 60);
    // Waiting longer than the TTL can only make this surer, however busy the machine.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('short')).toBeNull();
    expect(await cache.get('long')).toBe('y');
  });

  it('evicts the least recently used entries beyond its size bound (in characters)', async () => {
    const cache = new MemoryCache(10);
    await cache.set('old', 'aaaa', 30);
    await cache.set('used', 'bbbb', 30);
    await cache.get('old');
    await cache.set('new', 'cccc', 30);
    expect(await cache.getMany(['old', 'used', 'new'])).toEqual(['aaaa', null, 'cccc']);
  });

  it('reports each lookup as a hit or a miss', async () => {
    const outcomes: string[] = [];
    const cache = new MemoryCache(undefined, (outcome) => outcomes.push(outcome));
    await cache.set('a', '1', 30);
    await cache.get('a');
    await cache.get('b');
    await cache.getMany(['a', 'b']);
    expect(outcomes).toEqual(['hit', 'miss', 'hit', 'miss']);
  });

  it('is always ok, and empty after close', async () => {
    const cache = new MemoryCache();
    await cache.set('a', '1', 30);
    expect(await cache.status()).toBe('ok');
    await cache.close();
    expect(await cache.get('a')).toBeNull();
  });
});
