/** Failures of the webhooks API; src/http/problems/problem.ts answers each. */

/** No webhook with that id, or none this caller may reach. */
export class WebhookNotFoundError extends Error {
  override readonly name: string = 'WebhookNotFoundError';
  constructor(readonly id: string) {
    super(`no webhook ${id}`);
  }
}

/** A webhook field the API refuses; the message names the field. */
export class InvalidWebhookError extends Error {
  override readonly name: string = 'InvalidWebhookError';
}

/** The target resolves to an address webhooks may not reach (loopback, private, link-local …). */
export class ForbiddenTargetError extends InvalidWebhookError {
  override readonly name: string = 'ForbiddenTargetError';
}
