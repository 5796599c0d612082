import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signatureHeaders } from '../../../src/webhooks/signature';

describe('Standard Webhooks signatures', () => {
  it('match the published example: v1, HMAC-SHA256 over "{id}.{timestamp}.{body}" with the decoded secret', () => {
    const headers = signatureHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', '{"test": 2432232314}', new Date(1614265330 * 1000));
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('are accepted by the reference verifier for a fresh secret', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ id: 'evt_1', type: 'message.received' });
    const headers = signatureHeaders(secret, 'evt_1', body, new Date());
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ id: 'evt_1', type: 'message.received' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });
});
