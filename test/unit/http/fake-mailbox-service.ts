import { Readable } from 'node:stream';
import type { Pop3Credentials } from '../../../src/pop3/types';
import { IdentityHasher, type MailboxIdentity } from '../../../src/pool/mailbox-identity';
import type { MailboxCapabilities, MailboxStat } from '../../../src/models/mailbox';
import type { MessageHeaders, ParsedMessage } from '../../../src/models/message';
import { AttachmentNotFoundError, MessageNotFoundError } from '../../../src/services/errors';
import type {
  AttachmentContent,
  ListQuery,
  MailboxAccess,
  MailboxService,
  MessageLocation,
  RawMessage,
  SerializedPage,
} from '../../../src/services/mailbox-service';

/** One message the fake maildrop holds. */
export interface FakeMessage {
  id: string;
  raw: Buffer;
  attachments: AttachmentContent[];
}

type Operation = keyof MailboxService;

export interface RecordedCall {
  operation: Operation;
  access: MailboxAccess;
  args: unknown[];
}

/**
 * An in-memory MailboxService: answers from a list of messages, records every call (so a
 * test can prove the service was never reached), and throws whatever a test tells it to.
 */
export class FakeMailboxService implements MailboxService {
  readonly calls: RecordedCall[] = [];
  /** Make every call of an operation fail with this error. */
  readonly failures = new Map<Operation, unknown>();
  /** Replace the raw body stream (to fail it mid-way, for instance). */
  rawStream?: (message: FakeMessage) => Readable;
  /** Added to the size `raw` reports: a server whose LIST size is not what RETR sends. */
  listedSizeError = 0;

  constructor(readonly messages: FakeMessage[] = defaultMessages()) {}

  callsOf(operation: Operation): RecordedCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  /**
   * Whether warmStat and cachedPage answer from memory, as a warm pool and a cached listing
   * do (and so whether the fast lane answers); off by default, so every request reaches
   * the express routes.
   */
  inMemory = false;
  /** The calls of warmStat and cachedPage that answered from memory. */
  readonly memoryReads: { operation: 'warmStat' | 'cachedPage'; credentials: Pop3Credentials; query?: ListQuery }[] = [];

  async stat(access: MailboxAccess): Promise<MailboxStat> {
    this.enter('stat', access);
    return this.currentStat();
  }

  /** The real hasher, and the credentials behind each identity it gave (so memoryReads can name them). */
  private readonly hasher = new IdentityHasher('fake.example:995');
  private readonly identified = new Map<string, Pop3Credentials>();

  identify(credentials: Pop3Credentials): MailboxIdentity {
    const identity = this.hasher.identify(credentials);
    this.identified.set(identity.credentialKey, credentials);
    return identity;
  }

  warmStat(identity: MailboxIdentity): MailboxStat | null {
    if (!this.inMemory) return null;
    this.memoryReads.push({ operation: 'warmStat', credentials: this.credentialsOf(identity) });
    return this.currentStat();
  }

  cachedPage(identity: MailboxIdentity, query: ListQuery): SerializedPage | null {
    if (!this.inMemory) return null;
    this.memoryReads.push({ operation: 'cachedPage', credentials: this.credentialsOf(identity), query });
    return this.page(query);
  }

  private credentialsOf(identity: MailboxIdentity): Pop3Credentials {
    const credentials = this.identified.get(identity.credentialKey);
    if (!credentials) throw new Error('a memory read with an identity the service never gave');
    return credentials;
  }

  async capabilities(access: MailboxAccess): Promise<MailboxCapabilities> {
    this.enter('capabilities', access);
    return { capabilities: { UIDL: [], TOP: [], SASL: ['PLAIN'] }, stableIds: true, tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' } };
  }

  async list(access: MailboxAccess, query: ListQuery): Promise<SerializedPage> {
    this.enter('list', access, query);
    return this.page(query);
  }

  private page(query: ListQuery): SerializedPage {
    const ordered = query.order === 'asc' ? this.numbered() : this.numbered().reverse();
    const items = ordered.slice(query.offset, query.offset + query.limit).map(({ message, number }) => ({
      id: message.id,
      number,
      size: message.raw.length,
      ...(query.headers ? { headers: { subject: `Subject ${number}`, from: null, to: null, date: null, messageId: null } } : {}),
    }));
    const page = { total: this.messages.length, totalSize: this.totalSize(), offset: query.offset, limit: query.limit, snapshotAt: '2025-01-31T09:30:00.000Z', items };
    return { json: JSON.stringify(page), etag: `"page-${items.map((i) => `${i.id}:${i.size}`).join(',')}"` };
  }

  async message(access: MailboxAccess, id: string): Promise<ParsedMessage> {
    this.enter('message', access, id);
    const { message, number } = this.find(id);
    return {
      id,
      number,
      size: message.raw.length,
      subject: `Subject ${number}`,
      from: [{ name: 'Alice', address: 'alice@example.org' }],
      to: [],
      cc: [],
      replyTo: [],
      date: null,
      messageId: null,
      inReplyTo: null,
      references: [],
      headers: { subject: [`Subject ${number}`] },
      text: message.raw.toString('latin1'),
      html: null,
      attachments: [],
    };
  }

  async locate(access: MailboxAccess, id: string, options: { wholeMessage?: boolean } = {}): Promise<MessageLocation> {
    this.enter('locate', access, id, options);
    const { message, number } = this.find(id);
    return { id, number, size: message.raw.length };
  }

  async raw(access: MailboxAccess, id: string): Promise<RawMessage> {
    this.enter('raw', access, id);
    const { message } = this.find(id);
    const stream = this.rawStream ? this.rawStream(message) : Readable.from([message.raw]);
    return { id, size: message.raw.length + this.listedSizeError, stream };
  }

  async headers(access: MailboxAccess, id: string): Promise<MessageHeaders> {
    this.enter('headers', access, id);
    const { message } = this.find(id);
    const raw = message.raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    return { id, headers: { subject: ['from the fake'] }, raw };
  }

  async attachment(access: MailboxAccess, id: string, index: number): Promise<AttachmentContent> {
    this.enter('attachment', access, id, index);
    const attachment = this.find(id).message.attachments[index];
    if (!attachment) throw new AttachmentNotFoundError(id, index);
    return attachment;
  }

  async delete(access: MailboxAccess, id: string): Promise<void> {
    this.enter('delete', access, id);
    const { number } = this.find(id);
    this.messages.splice(number - 1, 1);
  }

  private enter(operation: Operation, access: MailboxAccess, ...args: unknown[]): void {
    this.calls.push({ operation, access, args });
    if (this.failures.has(operation)) throw this.failures.get(operation);
  }

  private numbered(): { message: FakeMessage; number: number }[] {
    return this.messages.map((message, i) => ({ message, number: i + 1 }));
  }

  private find(id: string): { message: FakeMessage; number: number } {
    const found = this.numbered().find(({ message }) => message.id === id);
    if (!found) throw new MessageNotFoundError(id);
    return found;
  }

  private currentStat(): MailboxStat {
    return { count: this.messages.length, size: this.totalSize(), snapshotAt: '2025-01-31T09:30:00.000Z' };
  }

  private totalSize(): number {
    return this.messages.reduce((sum, m) => sum + m.raw.length, 0);
  }
}

export function defaultMessages(): FakeMessage[] {
  return [
    { id: 'uid-1', raw: Buffer.from('Subject: one\r\n\r\nfirst body\r\n'), attachments: [] },
    {
      id: 'uid-2',
      raw: Buffer.from('Subject: two\r\n\r\n.leading dot\r\n\u00e9 8-bit\r\n', 'latin1'),
      attachments: [
        { filename: 'Résumé "final".pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 fake') },
        { filename: null, contentType: 'text/html\r\nX-Injected: 1', content: Buffer.from('<script>alert(1)</script>') },
      ],
    },
  ];
}
