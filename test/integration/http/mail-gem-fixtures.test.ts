/**
 * Real-world mail (the Ruby mail gem's corpus in test/fixtures/mail-gem) through the whole
 * gateway and a private Dovecot, with the in-process cache: raw bytes round-trip, attachments
 * equal the MIME parts decoded independently, non-ASCII subjects and multipart messages parse.
 */
import { simpleParser } from 'mailparser';
import request from 'supertest';
import type { MessageHeaders, ParsedMessage } from '../../../src/models/message';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { mailGemFixtures, type Fixture } from '../../support/fixtures';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { asRetrievedFromDovecot, sha256 } from '../../support/messages';
import { asAlice, bodyBytes, bytes, extendedFilename, listingOf } from './helpers';

const fixtures: Fixture[] = mailGemFixtures();

describe('the mail gem corpus through the HTTP API and Dovecot', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;
  /** Fixture name -> its UIDL id. */
  const idOf = new Map<string, string>();

  const parsed = async (name: string): Promise<ParsedMessage> =>
    (await request(gw.app).get(`/messages/${encodeURIComponent(idOf.get(name)!)}`).set('Authorization', asAlice).expect(200)).body as ParsedMessage;

  beforeAll(async () => {
    dovecot = await startDovecot();
    for (const fixture of fixtures) await dovecot.deliver('alice', fixture.bytes);
    gw = httpAppFor(dovecot, { timeoutMs: 5000 });
    const res = await request(gw.app).get('/messages?order=asc&limit=1000').set('Authorization', asAlice).expect(200);
    const items = listingOf(res).items;
    expect(items).toHaveLength(fixtures.length);
    fixtures.forEach((fixture, i) => idOf.set(fixture.name, items[i]!.id));
  });

  afterAll(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  it('holds the whole corpus, each fixture stored unchanged', async () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    const stored = await dovecot.storedMessages('alice');
    expect(stored.map((bytes) => sha256(bytes))).toEqual(fixtures.map((fixture) => sha256(fixture.bytes)));
  });

  describe('GET /messages/{id}/raw', () => {
    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('returns %s byte for byte as Dovecot sends it', async (_name, fixture) => {
      const res = await request(gw.app)
        .get(`/messages/${encodeURIComponent(idOf.get(fixture.name)!)}/raw`)
        .set('Authorization', asAlice)
        .buffer(true)
        .parse(bytes)
        .expect(200);
      const expected = asRetrievedFromDovecot(fixture.bytes);
      const body = bodyBytes(res);
      expect({ length: body.length, sha256: sha256(body) }).toEqual({ length: expected.length, sha256: sha256(expected) });
    });

    it('returns every fixture intact when all are fetched at once, over at most POOL_MAX_PER_MAILBOX sessions', async () => {
      let inFlight = true;
      const sessionCounts: number[] = [];
      const sampling = (async () => {
        while (inFlight) sessionCounts.push(await dovecot.sessionCount('alice'));
      })();
      const bodies = await Promise.all(
        fixtures.map(async (fixture) => {
          const res = await request(gw.app).get(`/messages/${encodeURIComponent(idOf.get(fixture.name)!)}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
          return sha256(bodyBytes(res));
        }),
      );
      inFlight = false;
      await sampling;
      expect(bodies).toEqual(fixtures.map((fixture) => sha256(asRetrievedFromDovecot(fixture.bytes))));
      expect(sessionCounts.length).toBeGreaterThan(0);
      expect(Math.max(...sessionCounts)).toBeLessThanOrEqual(2);
    });

    it("reports in the listing Dovecot's size: the message with CRLF line ends", async () => {
      const items = listingOf(await request(gw.app).get('/messages?order=asc&limit=1000').set('Authorization', asAlice).expect(200)).items;
      // Dovecot's LIST size counts bare LFs as CRLF but not the CRLF it adds on RETR after a last line without one.
      const sizeOf = (stored: Buffer): number => asRetrievedFromDovecot(stored).length - (stored.subarray(-1).equals(Buffer.from('\n')) ? 0 : 2);
      expect(items.map((item) => item.size)).toEqual(fixtures.map((fixture) => sizeOf(fixture.bytes)));
    });
  });

  describe('attachments', () => {
    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
      'of %s are listed and downloaded as the MIME parts decode',
      async (_name, fixture) => {
        const id = encodeURIComponent(idOf.get(fixture.name)!);
        const expected = (await simpleParser(asRetrievedFromDovecot(fixture.bytes))).attachments;
        const message = await parsed(fixture.name);
        expect(message.attachments).toEqual(
          expected.map((part, index) => ({
            index,
            filename: part.filename ?? null,
            contentType: part.contentType,
            size: part.content.length,
            contentId: part.contentId ?? null,
            disposition: part.contentDisposition ?? null,
            sha256: sha256(part.content),
          })),
        );

        for (const [index, part] of expected.entries()) {
          const res = await request(gw.app).get(`/messages/${id}/attachments/${index}`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
          const body = bodyBytes(res);
          expect(body.equals(part.content)).toBe(true);
          expect(sha256(body)).toBe(message.attachments[index]!.sha256);
          expect(res.headers['content-length']).toBe(String(part.content.length));
          expect(res.headers['content-disposition']).toMatch(/^attachment\b/);
          expect(extendedFilename(res.headers['content-disposition'])).toBe(part.filename ?? null);
        }
      },
    );

    it('covers attachments of many kinds: base64, quoted names, nested messages, none named', async () => {
      const counts = await Promise.all(fixtures.map(async (fixture) => (await simpleParser(fixture.bytes)).attachments));
      expect(counts.filter((attachments) => attachments.length > 0).length).toBeGreaterThanOrEqual(10);
      expect(counts.flat().some((part) => part.filename === undefined)).toBe(true);
    });

    it('answers an attachment without a file name as plain "attachment"', async () => {
      const id = idOf.get('multipart_report_emails_report_422.eml')!;
      const res = await request(gw.app).get(`/messages/${id}/attachments/0`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(res.headers['content-disposition']).toBe('attachment');
      expect(res.headers['content-type']).toMatch(/^text\/rfc822-headers/);
    });

    it('names a non-ASCII file in filename* (UTF-8) with an ASCII fallback in filename', async () => {
      const id = idOf.get('attachment_emails_attachment_nonascii_filename.eml')!;
      const res = await request(gw.app).get(`/messages/${id}/attachments/0`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="ci_le.txt"; filename*=UTF-8''ci%C3%ABle.txt`);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);

      const japanese = idOf.get('multi_charset_japanese_attachment_long_name.eml')!;
      const long = await request(gw.app).get(`/messages/${japanese}/attachments/0`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(extendedFilename(long.headers['content-disposition'])).toBe('かきくけこかきくけこかきくけこかきくけこかきくけこ.txt');
    });

    it('serves an attachment the browser must not render on this origin', async () => {
      const id = idOf.get('mime_emails_raw_email_with_nested_attachment.eml')!;
      const res = await request(gw.app).get(`/messages/${id}/attachments/0`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-security-policy']).toMatch(/sandbox/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('parsed messages', () => {
    it('decodes a Japanese subject, recipient name and body (UTF-8 encoded words, base64 body; ISO-2022-JP)', async () => {
      const message = await parsed('multi_charset_japanese.eml');
      expect(message.subject).toBe('まみむめも');
      expect(message.headers.subject).toEqual(['まみむめも']);
      expect(message.to).toEqual([{ name: 'みける', address: 'raasdnil@gmail.com' }]);
      expect(message.text).toBe('かきくえこ\n\n-- \nhttp://lindsaar.net/\nRails, RSpec and Life blog....\n');

      const iso2022 = await parsed('multi_charset_japanese_iso_2022.eml');
      expect(iso2022.subject).toBe('まみむめも');
    });

    it('shows the decoded Japanese subject in the header summary and the header block', async () => {
      const id = idOf.get('multi_charset_japanese_attachment_long_name.eml')!;
      const headers = (await request(gw.app).get(`/messages/${id}/headers`).set('Authorization', asAlice).expect(200)).body as MessageHeaders;
      const subject = 'まみむめも'.repeat(10);
      expect(headers.headers.subject).toEqual([subject]);
      expect(headers.raw).toMatch(/^Subject: =\?/m);

      const page = listingOf(await request(gw.app).get('/messages?order=asc&limit=1000&headers=true').set('Authorization', asAlice).expect(200));
      expect(page.items.find((item) => item.id === id)?.headers?.subject).toBe(subject);
    });

    it('decodes UTF-8 headers sent raw (RFC 6532)', async () => {
      const message = await parsed('rfc6532_utf8_headers.eml');
      expect(message.subject).toBe('Säying Hello');
    });

    it('splits a multipart message into text, HTML-less body and inline and attached parts', async () => {
      const message = await parsed('mime_emails_raw_email_with_nested_attachment.eml');
      const independently = await simpleParser(asRetrievedFromDovecot(fixtures.find((f) => f.name === 'mime_emails_raw_email_with_nested_attachment.eml')!.bytes));
      expect(message.subject).toBe('Testing attachments');
      expect(message.headers['content-type']?.[0]).toMatch(/^multipart\//);
      expect(message.text).toBe(independently.text ?? null);
      expect(message.html).toBe(typeof independently.html === 'string' ? independently.html : null);
      expect(message.attachments.map((a) => [a.filename, a.contentType, a.disposition])).toEqual([
        ['truncated.png', 'image/png', 'inline'],
        ['smime.p7s', 'application/pkcs7-signature', 'attachment'],
      ]);
    });

    it('parses addresses, dates and ids of a multipart PDF message', async () => {
      const message = await parsed('attachment_emails_attachment_pdf.eml');
      const independently = await simpleParser(asRetrievedFromDovecot(fixtures.find((f) => f.name === 'attachment_emails_attachment_pdf.eml')!.bytes));
      expect(message.subject).toBe('Another PDF with 🎉 Unicode chars in it 🍿');
      expect(message.from).toEqual(independently.from?.value.map((a) => ({ name: a.name ?? '', address: a.address ?? '' })));
      expect(message.to.length).toBe(2);
      expect(message.date).toBe(independently.date?.toISOString());
      expect(message.messageId).toBe(independently.messageId);
      expect(message.text).toBe(independently.text);
    });
  });
});
