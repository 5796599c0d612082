import { orTimeout, settlesWithin } from '../../../src/queues/deadline';

describe('deadlines on Redis-backed work', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const never = (): Promise<never> => new Promise<never>(() => undefined);

  it('orTimeout passes the outcome through when it comes first, value or error', async () => {
    await expect(orTimeout(Promise.resolve(42), 1000, 'late')).resolves.toBe(42);
    await expect(orTimeout(Promise.reject(new Error('refused')), 1000, 'late')).rejects.toThrow('refused');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('orTimeout rejects with the message once the time has passed, not before', async () => {
    const outcome = orTimeout(never(), 1000, 'Redis did not answer');
    const seen = jest.fn();
    outcome.catch(seen);
    await jest.advanceTimersByTimeAsync(999);
    expect(seen).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(seen).toHaveBeenCalledWith(new Error('Redis did not answer'));
  });

  it('settlesWithin says whether the promise settled in time, either way', async () => {
    await expect(settlesWithin(Promise.resolve(), 1000)).resolves.toBe(true);
    await expect(settlesWithin(Promise.reject(new Error('refused')), 1000)).resolves.toBe(true);
    const late = settlesWithin(never(), 1000);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(late).resolves.toBe(false);
  });
});
