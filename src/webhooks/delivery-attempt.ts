import type { Logger } from 'pino';
import type { SecretBox } from '../accounts/secret-box';
import type { ConsumeQueue } from '../events/consume-queue';
import type { ConsumeAcks } from './consume-acks';
import type { DeliveryLog } from './delivery-log';
import type { AttemptOutcome, DeliveryJob } from './delivery-job';
import { signatureHeaders } from './signature';
import type { WebhookSender } from './webhook-sender';
import type { WebhookStore } from './webhook-store';

/** How deliveries end, for popgate_webhook_deliveries_total{outcome}. */
export type DeliveryOutcomeLabel = 'delivered' | 'retrying' | 'failed' | 'disabled' | 'dropped';

export interface DeliveryObserver {
  delivery(outcome: DeliveryOutcomeLabel, durationMs?: number): void;
}

export interface DeliveryAttemptDeps {
  store: WebhookStore;
  box: SecretBox;
  sender: WebhookSender;
  log: DeliveryLog;
  acks: ConsumeAcks;
  consumeQueue: ConsumeQueue;
  maxAttempts: number;
  observer?: DeliveryObserver;
  logger?: Logger;
  now?: () => Date;
}

/**
 * One attempt of one delivery: reads the webhook (a deleted or disabled one gets nothing),
 * signs, POSTs, logs the attempt, and decides. 2xx: delivered, and in consume mode the last
 * acknowledgement queues the message for deletion. 410 Gone: the webhook is disabled. Anything
 * else: retry. Logs carry the account and event ids, never the secret or the body.
 */
export function deliveryAttempt(deps: DeliveryAttemptDeps): (job: DeliveryJob, attempt: number) => Promise<AttemptOutcome> {
  const now = deps.now ?? (() => new Date());
  return async (job, attempt) => {
    const { event } = job;
    const log = deps.logger?.child({ webhook: job.webhookId, account: event.account, event: event.id, attempt });
    const webhook = await deps.store.get(job.webhookId);
    if (!webhook?.enabled) {
      deps.observer?.delivery('dropped');
      log?.info('delivery dropped: the webhook is deleted or disabled');
      return { kind: 'dropped' };
    }
    const body = JSON.stringify(event);
    const at = now();
    const headers = signatureHeaders(deps.box.open(webhook.sealedSecret, webhook.id), event.id, body, at);
    const result = await deps.sender.send(webhook.url, body, { ...headers });
    await deps.log.record(webhook.id, {
      eventId: event.id,
      attempt,
      at: at.toISOString(),
      status: result.status,
      durationMs: result.durationMs,
      ...(result.error !== undefined && { error: result.error }),
    });

    if (result.status !== null && result.status >= 200 && result.status <= 299) {
      deps.observer?.delivery('delivered', result.durationMs);
      log?.debug({ status: result.status, durationMs: result.durationMs }, 'webhook delivered');
      if (job.consume && (await deps.acks.acknowledge(event.id, webhook.id))) {
        await deps.consumeQueue.add(job.consume.account, job.consume.uid);
        log?.info('every subscribed webhook acknowledged the message: queued for deletion (consume mode)');
      }
      return { kind: 'delivered' };
    }
    if (result.status === 410) {
      await deps.store.replace({ ...webhook, enabled: false, disabledReason: 'the receiver answered 410 Gone', updatedAt: now().toISOString() });
      deps.observer?.delivery('disabled', result.durationMs);
      log?.warn('webhook disabled: the receiver answered 410 Gone');
      return { kind: 'disabled' };
    }
    const last = attempt >= deps.maxAttempts;
    deps.observer?.delivery(last ? 'failed' : 'retrying', result.durationMs);
    log?.warn({ status: result.status, error: result.error, durationMs: result.durationMs }, last ? 'webhook delivery failed for good' : 'webhook delivery failed: will retry');
    return { kind: 'retry', error: result.error ?? `status ${result.status}`, ...(result.retryAfterMs !== undefined && { retryAfterMs: result.retryAfterMs }) };
  };
}
