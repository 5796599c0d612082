import { createHook } from 'node:async_hooks';

/** The tick object kept for the life of the process (see keepTickObjectShape). */
let kept: object | null = null;

/**
 * Keeps one of `process.nextTick`'s tick objects alive for the life of the process, so that
 * the hidden classes (V8 maps) of tick objects never die.
 *
 * node builds each tick object with a literal that has computed keys
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`). V8 compiles such
 * a literal to inline stores only while each key's feedback names one map, and it turns that
 * feedback megamorphic, for good, the first time the map it recorded is not the object's. An
 * idle gateway runs V8's memory-reducing garbage collections, which can let go of maps that
 * no live object has: with no tick object alive, the tick object's maps die, the next
 * tick builds new ones, and from then on every `nextTick` defines its four properties through
 * V8's runtime — about 10 calls a request, ≈8 % of the gateway's CPU under load
 * (docs/benchmarks.md, sixth round). A bare server that never idles long keeps its feedback,
 * which is why this showed as a gap to the node:http floor that came and went with the
 * process's history. One tick object held here keeps those maps alive.
 *
 * The object is captured with an `init` hook that is enabled around one `nextTick` and
 * disabled at once: no hook stays installed, and nothing else is observed.
 */
export function keepTickObjectShape(): void {
  if (kept !== null) return;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject' && kept === null) kept = resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(keptTick);
  } finally {
    hook.disable();
  }
}

function keptTick(): void {
  // Nothing to do: the tick exists only so its object can be kept.
}

/** The kept tick object, for tests. */
export function keptTickObject(): object | null {
  return kept;
}
