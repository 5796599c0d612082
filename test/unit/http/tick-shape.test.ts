import { createHook } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { keepTickObjectShape, keptTickObject } from '../../../src/http/gateway/tick-shape';

// V8's own comparison of two objects' hidden classes (maps), and a full garbage collection.
setFlagsFromString('--allow-natives-syntax');
setFlagsFromString('--expose-gc');
const haveSameMap = runInNewContext('(a, b) => %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const collectGarbage = runInNewContext('gc') as () => void;

/** The tick object `process.nextTick` builds now (seen through an init hook enabled for that one call). */
function freshTickObject(): object {
  let tick: object | null = null;
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'TickObject') tick ??= resource;
    },
  }).enable();
  process.nextTick(() => undefined);
  hook.disable();
  if (tick === null) throw new Error('no TickObject was made');
  return tick;
}

describe('keepTickObjectShape', () => {
  it('keeps one tick object, once for the process', () => {
    keepTickObjectShape();
    const kept = keptTickObject();
    expect(kept).not.toBeNull();
    keepTickObjectShape();
    expect(keptTickObject()).toBe(kept);
  });

  it("keeps an object of the tick objects' own map, so that map lives while it does", () => {
    keepTickObjectShape();
    const kept = keptTickObject()!;
    expect(haveSameMap(kept, freshTickObject())).toBe(true);
    // Not a structural likeness: an object literal with the same keys in the same order has another map.
    const [asyncId, triggerId] = Object.getOwnPropertySymbols(kept);
    const lookalike = { [asyncId!]: 1, [triggerId!]: 1, callback: () => undefined, args: undefined };
    expect(haveSameMap(kept, lookalike)).toBe(false);
  });

  it('still shares the map of tick objects made after full garbage collections', async () => {
    keepTickObjectShape();
    // Let every tick queued so far run, so that the kept object is the only tick object alive.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    collectGarbage();
    expect(haveSameMap(keptTickObject()!, freshTickObject())).toBe(true);
  });
});
