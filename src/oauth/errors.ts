/**
 * Failures of getting an access token; src/http/problems/problem.ts answers each. Messages name
 * the token endpoint's error code or HTTP status, never a token, secret or response body.
 */

/** The endpoint refused the refresh token (`invalid_grant`): revoked, expired or consent withdrawn. The owner must consent again. */
export class OAuthReauthorizationRequiredError extends Error {
  override readonly name: string = 'OAuthReauthorizationRequiredError';
  constructor(readonly description = 'the token endpoint answered invalid_grant') {
    super(description);
  }
}

/** The endpoint refused this client (`invalid_client`, `unauthorized_client`, `invalid_scope`, …): a configuration fault, not a passing one. */
export class OAuthClientRefusedError extends Error {
  override readonly name: string = 'OAuthClientRefusedError';
  constructor(
    /** The RFC 6749 §5.2 error code the endpoint sent. */
    readonly oauthError: string,
  ) {
    super(`the token endpoint refused the client: ${oauthError}`);
  }
}

/** The endpoint could not be reached, failed (5xx, a reply that is no token) or said nothing within POP3_TIMEOUT_MS: 503, retry. */
export class TokenEndpointUnavailableError extends Error {
  override readonly name: string = 'TokenEndpointUnavailableError';
}
