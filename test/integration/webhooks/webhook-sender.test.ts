/**
 * One POST to a receiver: it goes to exactly the address the guard checked (not to whatever
 * DNS says at connect time), it gives up after WEBHOOK_TIMEOUT_MS, and it reports Retry-After.
 */
import { TargetGuard, type ResolvedAddress } from '../../../src/webhooks/target-guard';
import { WebhookSender } from '../../../src/webhooks/webhook-sender';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

/** A guard that approves one fixed address for any host (the real one never approves loopback). */
class ApprovingGuard extends TargetGuard {
  constructor(private readonly addresses: ResolvedAddress[]) {
    super(false);
  }

  override check(): Promise<ResolvedAddress[]> {
    return Promise.resolve(this.addresses);
  }
}

describe('WebhookSender', () => {
  let receiver: WebhookReceiver;
  let sender: WebhookSender | undefined;

  beforeAll(async () => {
    receiver = await startReceiver((delivery) => (delivery.path === '/slow' ? 'hang' : delivery.path === '/later' ? { status: 503, headers: { 'Retry-After': '7' } } : { status: 204 }));
  });

  afterEach(() => sender?.close());
  afterAll(() => receiver.close());

  it('connects to the address the guard checked, whatever the name would resolve to now', async () => {
    sender = new WebhookSender(new ApprovingGuard([{ address: '127.0.0.1', family: 4 }]), 5000);
    // .invalid never resolves (RFC 6761): only the pinned address can have been used.
    const result = await sender.send(`http://receiver.invalid:${receiver.port}/pinned`, '{"a":1}', { 'webhook-id': 'evt_pinned' });
    expect(result).toEqual({ status: 204, durationMs: expect.any(Number) });
    const delivery = receiver.of('evt_pinned')[0]!;
    expect(delivery.headers.host).toBe(`receiver.invalid:${receiver.port}`);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.body).toBe('{"a":1}');
  });

  it('refuses without connecting when the guard refuses', async () => {
    sender = new WebhookSender(new TargetGuard(false), 5000);
    const before = receiver.received.length;
    const result = await sender.send(`http://127.0.0.1:${receiver.port}/refused`, '{}', {});
    expect(result).toMatchObject({ status: null, error: expect.stringMatching(/may not target loopback/) });
    expect(receiver.received.length).toBe(before);
  });

  it('gives up after the timeout', async () => {
    sender = new WebhookSender(new TargetGuard(true), 300);
    const result = await sender.send(`http://127.0.0.1:${receiver.port}/slow`, '{}', {});
    expect(result).toMatchObject({ status: null, error: 'no answer within 300 ms (WEBHOOK_TIMEOUT_MS)' });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("reports a failing status and the receiver's Retry-After", async () => {
    sender = new WebhookSender(new TargetGuard(true), 5000);
    expect(await sender.send(`http://127.0.0.1:${receiver.port}/later`, '{}', {})).toMatchObject({ status: 503, retryAfterMs: 7000, error: 'the receiver answered 503' });
  });

  it('reports a refused connection', async () => {
    sender = new WebhookSender(new TargetGuard(true), 5000);
    const closed = await startReceiver();
    const url = `http://127.0.0.1:${closed.port}/gone`;
    await closed.close();
    expect(await sender.send(url, '{}', {})).toMatchObject({ status: null, error: expect.stringMatching(/^ECONNREFUSED/) });
  });
});
