import { basic } from '../../support/basic-auth';
import { waitFor } from '../../support/waiting';
import { ensureBuilt, spawnGateway, type GatewayProcess } from './gateway-process';

const DEMO = basic('demo', 'demo');

interface ListedMessage {
  id: string;
  number: number;
  size: number;
  headers?: { subject: string | null };
}

describe('popgate started with no POP3_HOST (demo mode)', () => {
  let gateway: GatewayProcess;

  beforeAll(async () => {
    await ensureBuilt();
    // No arrivals: the sample maildrop stays exactly as bundled for these tests.
    gateway = await spawnGateway({ LOG_LEVEL: 'info', DEMO_MAIL_EVERY_S: '0' });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  const get = (path: string, headers: Record<string, string> = { Authorization: DEMO }): Promise<Response> =>
    fetch(gateway.baseUrl + path, { headers });

  async function listing(): Promise<ListedMessage[]> {
    const res = await get('/messages?order=asc&headers=true');
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: ListedMessage[] }).items;
  }

  async function idOf(subject: string): Promise<string> {
    const found = (await listing()).find((m) => m.headers?.subject === subject);
    if (!found) throw new Error(`no demo message with subject ${JSON.stringify(subject)}`);
    return found.id;
  }

  it('says in its log that it runs in demo mode, and with which credentials', () => {
    const line = gateway.logs().find((l) => l.msg?.startsWith('popgate listening'));
    expect(line).toMatchObject({ level: 30, mode: 'demo', port: gateway.port });
    expect(line?.msg).toMatch(/demo mode/);
    expect(line?.msg).toMatch(/user demo, password demo/);
    expect(line?.msg).toMatch(/\/docs/);
  });

  it('lists the sample messages to demo/demo, each kind of message a client must handle', async () => {
    const items = await listing();
    expect(items.map((m) => m.headers?.subject)).toEqual([
      'Welcome to popgate',
      "What's new in popgate 0.1",
      'Your invoice and logo',
      'Grüße aus Köln — 東京',
      'Lines that start with a dot',
      'Undelivered Mail Returned to Sender',
    ]);
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length);
    for (const item of items) expect(item.size).toBeGreaterThan(0);
  });

  it('refuses a wrong password with 401 and a Basic challenge', async () => {
    const res = await get('/messages', { Authorization: basic('demo', 'not-demo') });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('serves the plain-text welcome message', async () => {
    const res = await get(`/messages/${encodeURIComponent(await idOf('Welcome to popgate'))}`);
    expect(res.status).toBe(200);
    const message = (await res.json()) as { text: string; html: string | null };
    expect(message.text).toContain('Log in as user "demo" with password "demo"');
  });

  it('serves the HTML alternative of the newsletter', async () => {
    const res = await get(`/messages/${encodeURIComponent(await idOf("What's new in popgate 0.1"))}`);
    const message = (await res.json()) as { text: string; html: string };
    expect(message.html).toContain('<h1>What&#39;s new in popgate 0.1</h1>');
    expect(message.text).toContain('* Streaming raw messages');
  });

  it('serves the invoice attachments byte for byte', async () => {
    const id = encodeURIComponent(await idOf('Your invoice and logo'));
    const message = (await (await get(`/messages/${id}`)).json()) as { attachments: { index: number; filename: string; contentType: string }[] };
    expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['invoice.csv', 'text/csv'],
      ['logo.png', 'image/png'],
    ]);
    const csv = await get(`/messages/${id}/attachments/0`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe('item,quantity,price\r\nPOP3 gateway,1,0.00\r\n');
    const png = Buffer.from(await (await get(`/messages/${id}/attachments/1`)).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('decodes the non-ASCII sender and body', async () => {
    const res = await get(`/messages/${encodeURIComponent(await idOf('Grüße aus Köln — 東京'))}`);
    const message = (await res.json()) as { from: { name: string }[]; text: string };
    expect(message.from[0]?.name).toBe('Jürgen Müller');
    expect(message.text).toContain('Nächste Woche geht es nach 東京.');
  });

  it('returns the lines that start with a dot unstuffed in the raw message', async () => {
    const res = await get(`/messages/${encodeURIComponent(await idOf('Lines that start with a dot'))}/raw`);
    expect(res.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(await res.text()).toContain('stuff them on the wire.\r\n.\r\n..\r\n.hidden\r\nA single dot');
  });

  it('shows the demo banner with the credentials at /docs', async () => {
    const page = await get('/docs/', {});
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    // Swagger UI renders the spec that swagger-ui-init.js carries; the banner is in its description.
    const init = await (await get('/docs/swagger-ui-init.js', {})).text();
    expect(init).toContain('Demo mode: a bundled POP3 server with sample messages');
    expect(init).toContain('log in with user demo, password demo');
  });
});

describe('demo mode registers its mailbox as account "demo" and delivers new mail to it', () => {
  let gateway: GatewayProcess;
  let token: string;

  beforeAll(async () => {
    await ensureBuilt();
    gateway = await spawnGateway({ LOG_LEVEL: 'info', DEMO_MAIL_EVERY_S: '1' });
    await waitFor(() => gateway.logs().some((l) => l.msg?.includes('Admin token for this run')), { what: 'the demo admin token line' });
    token = /(demo_[A-Za-z0-9_-]{32})/.exec(gateway.logs().find((l) => l.msg?.includes('Admin token for this run'))!.msg!)![1]!;
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  const get = (path: string): Promise<Response> => fetch(gateway.baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });

  it('makes an admin token at each start, shown in the start log and the /docs banner', async () => {
    const init = await (await fetch(`${gateway.baseUrl}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain(token);
    expect((await fetch(`${gateway.baseUrl}/accounts`)).status).toBe(401);
    expect((await get('/accounts')).status).toBe(200);
  });

  it('polls account "demo", which is connected, and records the new mail the demo delivers as events', async () => {
    await waitFor(async () => ((await (await get('/accounts/demo')).json()) as { state: { status: string } }).state.status === 'connected', { timeoutMs: 30_000, what: 'the first poll of account demo' });
    const received = async () => Number(/popgate_events_total\{type="message.received"\} (\d+)/.exec(await (await fetch(`${gateway.baseUrl}/metrics`)).text())?.[1] ?? 0);
    // New mail arrives every second; the account is polled every 10 s.
    await waitFor(async () => (await received()) > 0, { timeoutMs: 40_000, everyMs: 250, what: 'a message.received event' });
    const listing = (await (await get('/accounts/demo/messages?headers=true')).json()) as { items: { headers: { subject: string } }[] };
    expect(listing.items.some((m) => /^New demo message #\d+$/.test(m.headers.subject))).toBe(true);
  }, 60_000);
});
