import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpRequestSample, requestTracker } from '../../../src/http/request-bookkeeping';

/** What the tracker reads of a response: its status, whether all its bytes were handed over, and 'close'. */
function response(statusCode: number, writableFinished: boolean): ServerResponse & EventEmitter {
  return Object.assign(new EventEmitter(), { statusCode, writableFinished }) as unknown as ServerResponse & EventEmitter;
}

const request = { method: 'GET', headers: {} } as IncomingMessage;

function tracked(): { samples: HttpRequestSample[]; track: ReturnType<typeof requestTracker> } {
  const samples: HttpRequestSample[] = [];
  return { samples, track: requestTracker({ observeRequest: (sample) => samples.push(sample) }, undefined) };
}

describe('requestTracker', () => {
  test('answered: a response whose bytes are all with the kernel is reported at once, without a close listener', () => {
    const { samples, track } = tracked();
    const res = response(200, true);
    track.answered(request, res, () => '/messages', track.start());
    expect(samples).toEqual([{ method: 'GET', route: '/messages', status: 200, durationSeconds: expect.any(Number) }]);
    expect(samples[0]!.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(res.listenerCount('close')).toBe(0);
  });

  test('answered: a response still being written is reported at close, as 499 when the client left before its end', () => {
    const { samples, track } = tracked();
    const res = response(200, false);
    track.answered(request, res, () => '/messages', track.start());
    expect(samples).toEqual([]);
    res.emit('close');
    expect(samples).toEqual([{ method: 'GET', route: '/messages', status: 499, durationSeconds: expect.any(Number) }]);
  });

  test('answered: a response still being written that then finishes is reported with its own status', () => {
    const { samples, track } = tracked();
    const res = response(304, false);
    track.answered(request, res, () => '/mailbox/stat', track.start());
    Object.assign(res, { writableFinished: true });
    res.emit('close');
    expect(samples).toEqual([{ method: 'GET', route: '/mailbox/stat', status: 304, durationSeconds: expect.any(Number) }]);
  });

  test('untilClose: reported once the response closes, with the route named then', () => {
    const { samples, track } = tracked();
    const res = response(404, true);
    let route = 'unmatched';
    track.untilClose(request, res, () => route);
    route = '/messages/:id';
    expect(samples).toEqual([]);
    res.emit('close');
    expect(samples).toEqual([{ method: 'GET', route: '/messages/:id', status: 404, durationSeconds: expect.any(Number) }]);
  });

  test('with neither metrics nor debug logging, nothing listens and nothing is timed', () => {
    const track = requestTracker(undefined, undefined);
    const res = response(200, false);
    track.untilClose(request, res, () => '/messages');
    track.answered(request, res, () => '/messages', track.start());
    expect(res.listenerCount('close')).toBe(0);
  });
});
