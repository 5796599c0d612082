import { randomFillSync } from 'node:crypto';

/** Ids made from one fill of the random source, as node's own randomUUID batches them. */
const BATCH = 128;
const random = Buffer.alloc(16 * BATCH);
let used = BATCH;
const HEX = Buffer.from('0123456789abcdef', 'latin1');
/** Where each of the 16 bytes' two hex digits go in `xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx`. */
const DIGITS_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const text = Buffer.alloc(36, '-', 'latin1');

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` makes it, from the same random source,
 * but written into a buffer and read out as one flat string. Node's is a rope of 20
 * concatenated pieces, which every response's header check and write must then walk and
 * flatten again: a request id cost the fast lane ≈2,500 machine instructions a request
 * that way (docs/benchmarks.md, seventh round).
 */
export function randomUuid(): string {
  if (used === BATCH) {
    randomFillSync(random);
    used = 0;
  }
  const offset = 16 * used++;
  for (let i = 0; i < 16; i++) {
    let byte = random[offset + i]!;
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // variant 10xx
    const at = DIGITS_AT[i]!;
    text[at] = HEX[byte >> 4]!;
    text[at + 1] = HEX[byte & 0x0f]!;
  }
  return text.toString('latin1', 0, 36);
}
