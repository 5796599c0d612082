import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import request from 'supertest';
import { appWithFake, DEMO_AUTH } from './app-harness';
import { FakeMailboxService } from './fake-mailbox-service';

/**
 * messageClassesFor: node's HTTP code stays fast only while every request and response it sees
 * has one shape. These tests list what express, its router, tsoa and popgate's middleware set on
 * a request, and hold it equal to what the fast lane's requests are born with.
 */

/** The router's own tracing symbol: private to its module, so it cannot be declared at birth. */
const ROUTER_PRIVATE = 'Symbol(router.tracing.matchedRoute)';

interface Shape {
  req: string[];
  res: string[];
}

function shapeOf(req: IncomingMessage, res: ServerResponse): Shape {
  const keys = (o: object): string[] => Reflect.ownKeys(o).map(String).filter((k) => k !== ROUTER_PRIVATE);
  return { req: keys(req), res: keys(res) };
}

/** A gateway whose fake service answers from memory, served as popgate serves it; each response's shape once it closed. */
function shapedGateway(): { server: Server; service: FakeMailboxService; shapes: Shape[] } {
  const service = new FakeMailboxService();
  service.inMemory = true;
  const server = appWithFake({ service }).createServer();
  const shapes: Shape[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => res.once('close', () => shapes.push(shapeOf(req, res))));
  return { server, service, shapes };
}

describe('every request and response has one shape, whoever answers it', () => {
  test('the fields express and popgate set on the way are declared at birth: express adds none the lane lacks', async () => {
    const { server, service, shapes } = shapedGateway();
    await request(server).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.memoryReads).toHaveLength(1); // the fast lane answered it
    const lane = shapes[0]!;

    const viaExpress: [string, Record<string, string>, number][] = [
      ['/messages?limit=1', { Authorization: DEMO_AUTH, 'Cache-Control': 'no-cache' }, 200],
      ['/messages/no-such-id', { Authorization: DEMO_AUTH }, 404],
      ['/messages?limit=0', { Authorization: DEMO_AUTH }, 400],
      ['/messages', {}, 401],
      ['/healthz', {}, 200],
      ['/no/such/route', {}, 404],
    ];
    for (const [path, headers, status] of viaExpress) await request(server).get(path).set(headers).expect(status);

    expect(shapes).toHaveLength(1 + viaExpress.length);
    for (const shape of shapes.slice(1)) expect(shape).toEqual(lane);
  });

  test('a request still reads express’s parsed query and request helpers', async () => {
    const { server } = shapedGateway();
    // limit=0 is refused by tsoa, which reads the query parsed once by parseQueryOnce.
    const refused = await request(server).get('/messages?limit=0').set('Authorization', DEMO_AUTH).expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid_request' });
    const page = await request(server).get('/messages?limit=1&order=asc').set('Authorization', DEMO_AUTH).set('Cache-Control', 'no-cache').expect(200);
    expect(page.body).toMatchObject({ limit: 1, offset: 0 });
  });
});
