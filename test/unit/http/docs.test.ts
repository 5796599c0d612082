import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { appWithFake } from './app-harness';
import { PROBLEM_KINDS, type ErrorCode } from '../../../src/models/problem';

const specPath = path.join(__dirname, '../../../openapi/openapi.json');

/**
 * swagger-parser pulls in an ES module that jest's CommonJS runtime cannot load, so it
 * runs in a plain Node process (which can).
 */
async function validateWithSwaggerParser(file: string): Promise<string> {
  const script = "require('@apidevtools/swagger-parser').validate(process.argv[1]).then(() => console.log('valid'), (e) => { console.error(e.message); process.exit(1); })";
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], { cwd: path.join(__dirname, '../../..') });
  return stdout.trim();
}

const committedSpec = JSON.parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
};

interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { examples?: unknown }> }>;
}

describe('the published API description', () => {
  test('the committed spec is valid OpenAPI 3', async () => {
    await expect(validateWithSwaggerParser(specPath)).resolves.toBe('valid');
  });

  test('the same validation refuses a spec that is broken', async () => {
    const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'popgate-spec-')), 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...committedSpec, paths: { '/x': { get: { responses: { '200': { $ref: '#/nowhere' } } } } } }));
    await expect(validateWithSwaggerParser(broken)).rejects.toThrow();
  });

  test('GET /openapi.json serves the committed spec as-is, without credentials', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual(committedSpec);
  });

  test('it describes every endpoint of the design', () => {
    const operations = Object.entries(committedSpec.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(
      [
        'GET /mailbox/stat',
        'GET /mailbox/capabilities',
        'GET /messages',
        'GET /messages/{id}',
        'GET /messages/{id}/raw',
        'GET /messages/{id}/headers',
        'GET /messages/{id}/attachments/{index}',
        'DELETE /messages/{id}',
        // HEAD from the snapshot (no RETR); an attachment's HEAD is its GET without the body.
        'HEAD /messages/{id}',
        'HEAD /messages/{id}/raw',
        'HEAD /messages/{id}/headers',
        // Registered accounts (an admin token's scope accounts:manage).
        'POST /accounts',
        'GET /accounts',
        'GET /accounts/{account}',
        'PATCH /accounts/{account}',
        'DELETE /accounts/{account}',
        'POST /tokens',
        'GET /tokens',
        'DELETE /tokens/{token}',
        // New-mail events of registered accounts (scope events:read).
        'GET /events',
        'GET /events/stream',
        // Consent of a registered OAuth2 account's owner.
        'GET /oauth2/authorize',
        'GET /oauth2/callback',
        // Webhooks (accounts:manage).
        'POST /webhooks',
        'GET /webhooks',
        'GET /webhooks/{webhook}',
        'PATCH /webhooks/{webhook}',
        'DELETE /webhooks/{webhook}',
        'POST /webhooks/{webhook}/test',
        'GET /webhooks/{webhook}/deliveries',
        // The mailbox endpoints again, for a registered account (derived from the ones above).
        'GET /accounts/{account}/mailbox/stat',
        'GET /accounts/{account}/mailbox/capabilities',
        'GET /accounts/{account}/messages',
        'GET /accounts/{account}/messages/{id}',
        'GET /accounts/{account}/messages/{id}/raw',
        'GET /accounts/{account}/messages/{id}/headers',
        'GET /accounts/{account}/messages/{id}/attachments/{index}',
        'DELETE /accounts/{account}/messages/{id}',
        'HEAD /accounts/{account}/messages/{id}',
        'HEAD /accounts/{account}/messages/{id}/raw',
        'HEAD /accounts/{account}/messages/{id}/headers',
      ].sort(),
    );
  });

  test('every operation has a summary, a description, its security schemes and a problem+json answer for each error', () => {
    expect(committedSpec.components.securitySchemes).toEqual({
      basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    for (const [p, methods] of Object.entries(committedSpec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${p}`;
        const isAccountMailbox = /^\/accounts\/\{account\}\/(mailbox|messages)/.test(p);
        // The provider sends the owner's browser to the callback: its sealed state is the proof, no token.
        if (p === '/oauth2/callback') {
          expect([where, op.security]).toEqual([where, []]);
          for (const status of ['400', '404', '500', '503']) expect([where, status, Object.keys(op.responses[status]?.content ?? {})]).toEqual([where, status, ['application/problem+json']]);
          continue;
        }
        const isAccounts = (p.startsWith('/accounts') || p.startsWith('/tokens') || p.startsWith('/oauth2') || p.startsWith('/webhooks')) && !isAccountMailbox;
        const isEvents = p.startsWith('/events');
        expect([where, op.summary?.length ?? 0]).not.toEqual([where, 0]);
        expect([where, (op.description?.length ?? 0) > 40]).toEqual([where, true]);
        // The accounts API takes a popgate token; its scope is declared beside the requirement (OAS 3.0).
        expect([where, op.security]).toEqual([where, isAccounts || isAccountMailbox || isEvents ? [{ token: [] }] : [{ basic: [] }, { bearer: [] }]]);
        const scopes = isAccounts ? ['accounts:manage'] : isAccountMailbox ? [method === 'delete' ? 'messages:delete' : 'messages:read'] : isEvents ? ['events:read'] : undefined;
        expect([where, (op as { 'x-required-scopes'?: string[] })['x-required-scopes']]).toEqual([where, scopes]);
        // Only the operations that talk to a POP3 server answer its failures: not the tokens or
        // webhooks APIs, and of the accounts API only registration and change (one verifying login).
        const talksPop3 = !isEvents && (!isAccounts || (p.startsWith('/accounts') && ['post', 'patch'].includes(method)));
        const upstreamStatuses = talksPop3 ? ['502', '503', '504'] : [];
        const ownStatuses = isEvents ? ['400', '401', '403', '404', '429', '500', '503'] : isAccounts ? ['401', '429', '500', '503'] : ['400', '401', '429', '500'];
        for (const status of [...ownStatuses, ...upstreamStatuses]) {
          expect([where, status, Object.keys(op.responses[status]?.content ?? {})]).toEqual([where, status, ['application/problem+json']]);
          expect([where, status, op.responses[status]?.content?.['application/problem+json']?.examples]).not.toEqual([where, status, undefined]);
        }
      }
    }
    expect(Object.keys(committedSpec.paths['/messages/{id}/raw']!.get!.responses['200']!.content!)).toEqual(['message/rfc822']);
    expect(Object.keys(committedSpec.paths['/events/stream']!.get!.responses['200']!.content!)).toEqual(['text/event-stream']);
  });

  test("an account's mailbox operations declare 409 account_credentials_refused, and every problem example in the spec has its code's status and title", () => {
    for (const [p, methods] of Object.entries(committedSpec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${p}`;
        if (/^\/accounts\/\{account\}\/(mailbox|messages)/.test(p)) {
          const refused = op.responses['409']?.content?.['application/problem+json']?.examples as Record<string, { value: { code: string } }> | undefined;
          expect([where, refused?.['Example 1']?.value.code]).toEqual([where, 'account_credentials_refused']);
        }
        for (const [status, response] of Object.entries(op.responses)) {
          const examples = (response.content?.['application/problem+json']?.examples ?? {}) as Record<string, { value: { code: ErrorCode; status: number; title: string; type: string } }>;
          for (const { value } of Object.values(examples)) {
            const [kindStatus, title] = PROBLEM_KINDS[value.code];
            expect([where, status, value.status, value.title, value.type]).toEqual([where, String(kindStatus), kindStatus, title, `https://popgate.dev/problems/${value.code}`]);
          }
        }
      }
    }
  });

  test('GET /docs serves Swagger UI, which keeps the authorization across reloads', async () => {
    const { app } = appWithFake();
    await request(app).get('/docs').expect(301).expect('Location', '/docs/');
    const page = await request(app).get('/docs/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<div id="swagger-ui">');
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"persistAuthorization": true');
    await request(app).get('/docs/swagger-ui-bundle.js').expect(200);
  });

  test('a docs banner (demo credentials, say) is shown above the operations; /openapi.json stays untouched', async () => {
    const { app } = appWithFake({ docsBanner: 'Demo mode: sign in with user **demo**, password **demo**.' });
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('> Demo mode: sign in with user **demo**, password **demo**.');
    const spec = await request(app).get('/openapi.json').expect(200);
    expect(JSON.stringify(spec.body)).not.toContain('Demo mode');
  });
});
