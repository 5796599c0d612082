import { decodeErrorChallenge, oauthbearer, xoauth2 } from '../../../src/pop3/bearer-sasl';

const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
const target = { user: 'someuser@example.com', token: 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg', host: 'pop.gmail.com', port: 995 };

describe('bearer-token SASL mechanisms', () => {
  it("builds XOAUTH2's response exactly as Google's protocol page shows it", () => {
    const mechanism = xoauth2(target);
    expect(mechanism.response).toBe('dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==');
    expect(mechanism.afterErrorChallenge).toBe('');
  });

  it('builds the RFC 7628 OAUTHBEARER response (GS2 header, host, port, auth) and answers errors with %x01', () => {
    const mechanism = oauthbearer({ ...target, user: 'a=b,c' });
    expect(decode(mechanism.response)).toBe(`n,a=a=3Db=2Cc,\x01host=pop.gmail.com\x01port=995\x01auth=Bearer ${target.token}\x01\x01`);
    expect(decode(mechanism.afterErrorChallenge)).toBe('\x01');
  });

  it("decodes Google's error challenge into strings", () => {
    const challenge = 'eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K';
    expect(decodeErrorChallenge(challenge)).toEqual({ status: '401', schemes: 'bearer mac', scope: 'https://mail.google.com/' });
    expect(decodeErrorChallenge(Buffer.from('{"status":400,"ok":false}').toString('base64'))).toEqual({ status: '400', ok: 'false' });
  });

  it.each(['', 'not base64!', Buffer.from('[1,2]').toString('base64'), Buffer.from('plain words').toString('base64')])(
    'gives undefined for a challenge that is not base64 of a JSON object (%j)',
    (challenge) => expect(decodeErrorChallenge(challenge)).toBeUndefined(),
  );
});
