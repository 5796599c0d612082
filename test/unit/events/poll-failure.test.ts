import { pollFailure } from '../../../src/events/poll-failure';
import { OAuthReauthorizationRequiredError } from '../../../src/oauth/errors';
import { Pop3AuthError, Pop3ConnectionError, Pop3ServerError } from '../../../src/pop3/errors';

describe('pollFailure', () => {
  it('an OAuth2 grant the token endpoint refused is authentication_failed, like a refused password', () => {
    const failure = pollFailure(new OAuthReauthorizationRequiredError('the token endpoint answered invalid_grant'));
    expect(failure).toEqual({ status: 'authentication_failed', code: 'oauth_reauthorization_required', message: 'the token endpoint answered invalid_grant' });
  });

  it('a refused login is authentication_failed with the server words', () => {
    const failure = pollFailure(new Pop3AuthError('PASS', 'AUTH', 'Authentication failed.'));
    expect(failure).toMatchObject({ status: 'authentication_failed', message: 'the POP3 server refused the login: -ERR [AUTH] Authentication failed.' });
  });

  it('no connection is unreachable; [IN-USE] changes nothing', () => {
    expect(pollFailure(new Pop3ConnectionError('connect ECONNREFUSED 127.0.0.1:1')).status).toBe('unreachable');
    expect(pollFailure(new Pop3ServerError('PASS', 'IN-USE', 'Mailbox locked')).status).toBeNull();
  });
});
