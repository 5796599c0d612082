import type { Webhook } from '../models/webhook';

/** A webhook as stored: its secret sealed (AAD = its id), and where in the event log it starts. */
export interface StoredWebhook extends Webhook {
  sealedSecret: string;
  /** The event-log head when it was created: it receives only events recorded after this cursor. */
  since: string;
}

/** Where webhooks live: Redis with REDIS_URL (every instance sees them), else this process. */
export interface WebhookStore {
  create(webhook: StoredWebhook): Promise<void>;
  get(id: string): Promise<StoredWebhook | null>;
  /** Oldest first. */
  list(offset: number, limit: number): Promise<{ total: number; items: StoredWebhook[] }>;
  /** Replaces an existing webhook; false when there is none. */
  replace(webhook: StoredWebhook): Promise<boolean>;
  /** False when there was none. */
  delete(id: string): Promise<boolean>;
}

/** Every webhook, for dispatch and account deletion. */
export async function allWebhooks(store: WebhookStore): Promise<StoredWebhook[]> {
  return (await store.list(0, Number.MAX_SAFE_INTEGER)).items;
}
