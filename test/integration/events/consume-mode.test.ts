/**
 * Consume mode (poll.deleteAfterDelivery): UIDLs the webhook side queued are DELEd on the
 * poll's own session and count as deleted only after QUIT's +OK — against Dovecot, and a
 * fake server for a QUIT that fails.
 */
import request from 'supertest';
import { loggedInClient } from '../../support/dovecot-client';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { FakePop3Server } from '../../support/fake-pop3-server';
import { simpleMessage } from '../../support/messages';
import { ADMIN, dovecotAccount, pollRig, type PollRig } from '../../support/polling';

describe('consume mode against Dovecot', () => {
  let dovecot: DovecotServer;
  let rig: PollRig;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: 'queue', password: 'queue-secret' }, { name: 'plain', password: 'plain-secret' }] });
    rig = pollRig(dovecot);
  });

  afterAll(async () => {
    await rig?.close();
    await dovecot?.close();
  });

  const uidlsOf = async (user: string): Promise<string[]> => {
    const client = await loggedInClient(dovecot, { user, password: `${user}-secret` });
    const uids = (await client.uidl()).map((u) => u.uid);
    await client.quit();
    return uids;
  };

  test('queued UIDLs are deleted upstream after QUIT and leave the queue; the others stay; the next poll reports them deleted', async () => {
    await rig.registry.create(dovecotAccount(dovecot, 'queue', 'queue', 'queue-secret', { deleteAfterDelivery: true }), false);
    await rig.poller.pollOnce('queue');
    for (const subject of ['keep me', 'delivered one', 'delivered two']) await dovecot.deliver('queue', simpleMessage({ subject }));
    await rig.poller.pollOnce('queue');
    const [keep, one, two] = await uidlsOf('queue');
    // What the webhook side does once every subscribed webhook answered 2xx.
    await rig.gw.resources.consumeQueue.add('queue', one!);
    await rig.gw.resources.consumeQueue.add('queue', two!);
    // Cached and pooled views of the mailbox exist before the deletion…
    const listing = async () => ((await request(rig.gw.app).get('/accounts/queue/messages').set('Authorization', `Bearer ${ADMIN}`).expect(200)).body as { total: number }).total;
    expect(await listing()).toBe(3);

    expect(await rig.poller.pollOnce('queue')).toMatchObject({ outcome: 'ok' });
    expect(await uidlsOf('queue')).toEqual([keep]);
    expect(await rig.gw.resources.consumeQueue.pending('queue', 10)).toEqual([]);
    // …and none of them serves the old snapshot afterwards.
    expect(await listing()).toBe(1);

    await rig.poller.pollOnce('queue');
    const deleted = (await rig.log.all({ account: 'queue', types: ['message.deleted'] })).map((e) => (e.data as { id: string }).id);
    expect(deleted.sort()).toEqual([one, two].sort());
  });

  test('without deleteAfterDelivery nothing queued is deleted', async () => {
    await rig.registry.create(dovecotAccount(dovecot, 'plain', 'plain', 'plain-secret'), false);
    await rig.poller.pollOnce('plain');
    await dovecot.deliver('plain', simpleMessage({ subject: 'stays' }));
    await rig.poller.pollOnce('plain');
    const [uid] = await uidlsOf('plain');
    await rig.gw.resources.consumeQueue.add('plain', uid!);
    await rig.poller.pollOnce('plain');
    expect(await uidlsOf('plain')).toEqual([uid]);
  });
});

describe('consume mode when QUIT fails', () => {
  let fake: FakePop3Server;
  let rig: PollRig;

  beforeAll(async () => {
    fake = await FakePop3Server.start({ users: [{ name: 'u', password: 'p', messages: [] }] });
    rig = pollRig(fake);
  });

  afterAll(async () => {
    await rig?.close();
    await fake?.close();
  });

  test('a DELE whose QUIT is refused is not counted: the message stays upstream and in the queue, for the next poll', async () => {
    await rig.registry.create({ id: 'fragile', pop3: { host: fake.host, port: fake.port, user: 'u', password: 'p' }, poll: { deleteAfterDelivery: true } }, false);
    await rig.poller.pollOnce('fragile');
    fake.deliver('u', simpleMessage({ subject: 'delivered' }));
    await rig.poller.pollOnce('fragile');
    const [event] = await rig.log.all({ account: 'fragile' });
    const uid = (event!.data as { id: string }).id;
    await rig.gw.resources.consumeQueue.add('fragile', uid);

    fake.once('QUIT', (ctx) => ctx.reply('-ERR [SYS/TEMP] could not commit\r\n'));
    expect(await rig.poller.pollOnce('fragile')).toMatchObject({ outcome: 'failed' });
    expect(fake.messages('u')).toHaveLength(1);
    expect(await rig.gw.resources.consumeQueue.pending('fragile', 10)).toEqual([uid]);
    expect((await rig.registry.get('fragile')).state.lastError).toContain('SYS/TEMP');

    // The next poll's QUIT says +OK: now it counts.
    expect(await rig.poller.pollOnce('fragile')).toMatchObject({ outcome: 'ok' });
    expect(fake.messages('u')).toHaveLength(0);
    expect(await rig.gw.resources.consumeQueue.pending('fragile', 10)).toEqual([]);
    expect(fake.transcript.filter((line) => line.startsWith('DELE'))).toEqual(['DELE 1', 'DELE 1']);
  });
});
