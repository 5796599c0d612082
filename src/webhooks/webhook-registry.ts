import { randomBytes } from 'node:crypto';
import type { AccountStore } from '../accounts/account-store';
import { AccountNotFoundError } from '../accounts/errors';
import type { SecretBox } from '../accounts/secret-box';
import { EVENT_TYPES, uniqueEventId, type EventType } from '../events/event';
import type { EventLog } from '../events/event-log';
import type { CreatedWebhook, DeliveryAttempt, NewWebhook, Webhook, WebhookChanges, WebhookList } from '../models/webhook';
import type { DeliveryLog } from './delivery-log';
import type { DeliveryJob } from './delivery-job';
import { InvalidWebhookError, WebhookNotFoundError } from './errors';
import { newWebhookSecret } from './signature';
import type { TargetGuard } from './target-guard';
import { allWebhooks, type StoredWebhook, type WebhookStore } from './webhook-store';

/** The longest URL accepted (the schema says so too). */
export const MAX_URL_LENGTH = 2048;

export interface WebhookRegistryDeps {
  store: WebhookStore;
  box: SecretBox;
  accounts: AccountStore;
  log: EventLog;
  guard: TargetGuard;
  deliveries: DeliveryLog;
  /** Queues a delivery (the test event). */
  enqueue: (job: DeliveryJob) => Promise<void>;
  now?: () => Date;
}

/**
 * The webhooks API's operations. `bound` is the caller's account when its token is bound to
 * one: it then sees and creates only that account's webhooks (others answer 404, as if absent).
 * A secret is sealed with the SecretBox under the webhook id and shown only at creation.
 */
export class WebhookRegistry {
  private readonly now: () => Date;

  constructor(private readonly deps: WebhookRegistryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** @throws InvalidWebhookError (naming the field), ForbiddenTargetError, AccountNotFoundError */
  async create(input: NewWebhook, bound: string | null): Promise<CreatedWebhook> {
    const url = await this.checkedUrl(input.url);
    const account = input.account ?? bound;
    if (account !== null) {
      if (bound !== null && account !== bound) throw new AccountNotFoundError(account);
      if (!(await this.deps.accounts.get(account))) throw new AccountNotFoundError(account);
    }
    const id = `wh_${randomBytes(8).toString('hex')}`;
    const secret = newWebhookSecret();
    const at = this.now().toISOString();
    const stored: StoredWebhook = {
      id,
      url,
      events: eventTypes(input.events),
      account,
      description: input.description ?? null,
      enabled: true,
      disabledReason: null,
      createdAt: at,
      updatedAt: at,
      sealedSecret: this.deps.box.seal(secret, id),
      since: await this.deps.log.head(),
    };
    await this.deps.store.create(stored);
    return { ...shown(stored), secret };
  }

  async list(bound: string | null, offset: number, limit: number): Promise<WebhookList> {
    if (bound === null) {
      const { total, items } = await this.deps.store.list(offset, limit);
      return { total, items: items.map(shown) };
    }
    const own = (await allWebhooks(this.deps.store)).filter((webhook) => webhook.account === bound);
    return { total: own.length, items: own.slice(offset, offset + limit).map(shown) };
  }

  /** @throws WebhookNotFoundError */
  async get(id: string, bound: string | null): Promise<Webhook> {
    return shown(await this.reachable(id, bound));
  }

  /** @throws WebhookNotFoundError, InvalidWebhookError, ForbiddenTargetError */
  async update(id: string, changes: WebhookChanges, bound: string | null): Promise<Webhook> {
    const current = await this.reachable(id, bound);
    const enabled = changes.enabled ?? current.enabled;
    const updated: StoredWebhook = {
      ...current,
      url: changes.url === undefined ? current.url : await this.checkedUrl(changes.url),
      events: changes.events === undefined ? current.events : eventTypes(changes.events),
      description: changes.description === undefined ? current.description : changes.description,
      enabled,
      disabledReason: enabled ? null : current.enabled ? 'disabled by PATCH' : current.disabledReason,
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.deps.store.replace(updated))) throw new WebhookNotFoundError(id);
    return shown(updated);
  }

  /** @throws WebhookNotFoundError */
  async delete(id: string, bound: string | null): Promise<void> {
    await this.reachable(id, bound);
    if (!(await this.deps.store.delete(id))) throw new WebhookNotFoundError(id);
    await this.deps.deliveries.clear(id);
  }

  /** Deletes the webhooks bound to an account that is being deleted. */
  async deleteBoundTo(account: string): Promise<void> {
    const bound = (await allWebhooks(this.deps.store)).filter((webhook) => webhook.account === account);
    await Promise.all(bound.map(async (webhook) => {
      await this.deps.store.delete(webhook.id);
      await this.deps.deliveries.clear(webhook.id);
    }));
  }

  /** Queues a `webhook.test` event for this webhook; returns its id. @throws WebhookNotFoundError */
  async sendTest(id: string, bound: string | null): Promise<string> {
    const webhook = await this.reachable(id, bound);
    const eventId = uniqueEventId();
    await this.deps.enqueue({
      webhookId: webhook.id,
      event: { id: eventId, type: 'webhook.test', timestamp: this.now().toISOString(), account: webhook.account, data: { webhook: webhook.id } },
      consume: null,
    });
    return eventId;
  }

  /** Recent attempts, newest first. @throws WebhookNotFoundError */
  async deliveries(id: string, bound: string | null, limit: number): Promise<DeliveryAttempt[]> {
    await this.reachable(id, bound);
    return this.deps.deliveries.recent(id, limit);
  }

  private async reachable(id: string, bound: string | null): Promise<StoredWebhook> {
    const webhook = await this.deps.store.get(id);
    if (!webhook || (bound !== null && webhook.account !== bound)) throw new WebhookNotFoundError(id);
    return webhook;
  }

  /** An http(s) URL without credentials, whose host passes the TargetGuard. */
  private async checkedUrl(value: string): Promise<string> {
    if (value.length > MAX_URL_LENGTH) throw new InvalidWebhookError(`url must be at most ${MAX_URL_LENGTH} characters`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidWebhookError('url must be an absolute http or https URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidWebhookError(`url must use http or https, not ${url.protocol.slice(0, -1)}`);
    if (url.username !== '' || url.password !== '') throw new InvalidWebhookError('url must not hold a user name or password; authenticate the sender by the signature');
    await this.deps.guard.check(url.hostname);
    return url.href;
  }
}

/** The subscribed types, each once, in the canonical order; all of them when absent. */
function eventTypes(events: readonly string[] | undefined): EventType[] {
  if (events === undefined) return [...EVENT_TYPES];
  const unknown = events.find((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown !== undefined) throw new InvalidWebhookError(`events may hold only ${EVENT_TYPES.join(', ')}; got ${JSON.stringify(unknown)}`);
  if (events.length === 0) throw new InvalidWebhookError('events must name at least one event type');
  return EVENT_TYPES.filter((type) => events.includes(type));
}

function shown({ sealedSecret: _secret, since: _since, ...webhook }: StoredWebhook): Webhook {
  return webhook;
}
