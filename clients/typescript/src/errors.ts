import type { ErrorCode, Pop3Reply, Problem } from './models';

/**
 * The gateway answered with an error (`application/problem+json`). Branch on `code`; show
 * `detail` (and `pop3.text`, the POP3 server's own words, when present) to a person.
 * `response` keeps the headers, e.g. `Retry-After` on 429 and 503.
 */
export class PopgateError extends Error {
  override readonly name = 'PopgateError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly pop3: Pop3Reply | undefined;

  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.pop3 = problem.pop3;
  }
}

/**
 * An answer that is neither success nor a problem+json body: something between the client
 * and the gateway (a proxy's error page, a wrong `baseUrl`) answered instead.
 */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  readonly status: number;

  constructor(
    readonly response: Response,
    /** The body, parsed as JSON when it was JSON, else its text. */
    readonly body: unknown,
  ) {
    super(`Unexpected answer ${response.status} ${response.statusText} (${response.headers.get('content-type') ?? 'no Content-Type'}) from ${response.url}`);
    this.status = response.status;
  }
}

/** The error to throw for a failed call: openapi-fetch already parsed the body into `body` when it could. */
export function errorFrom(response: Response, body: unknown): PopgateError | UnexpectedResponseError {
  const contentType = response.headers.get('content-type') ?? '';
  return contentType.startsWith('application/problem+json') && isProblem(body) ? new PopgateError(body, response) : new UnexpectedResponseError(response, body);
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { status, code, title, detail } = body as Record<string, unknown>;
  return typeof status === 'number' && typeof code === 'string' && typeof title === 'string' && typeof detail === 'string';
}
