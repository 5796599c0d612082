import type { StoredWebhook, WebhookStore } from './webhook-store';

/** Webhooks in this process only (no REDIS_URL), kept as JSON so no caller holds the stored record. */
export class MemoryWebhookStore implements WebhookStore {
  /** Insertion order is creation order. */
  private readonly webhooks = new Map<string, string>();

  create(webhook: StoredWebhook): Promise<void> {
    this.webhooks.set(webhook.id, JSON.stringify(webhook));
    return Promise.resolve();
  }

  get(id: string): Promise<StoredWebhook | null> {
    const json = this.webhooks.get(id);
    return Promise.resolve(json === undefined ? null : (JSON.parse(json) as StoredWebhook));
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredWebhook[] }> {
    const all = [...this.webhooks.values()];
    return Promise.resolve({ total: all.length, items: all.slice(offset, offset + limit).map((json) => JSON.parse(json) as StoredWebhook) });
  }

  replace(webhook: StoredWebhook): Promise<boolean> {
    if (!this.webhooks.has(webhook.id)) return Promise.resolve(false);
    this.webhooks.set(webhook.id, JSON.stringify(webhook));
    return Promise.resolve(true);
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.webhooks.delete(id));
  }
}
