import { createHash } from 'node:crypto';
import { parseMessage } from '../../../src/services/message-parser';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

const PDF = Buffer.from('%PDF-1.4 not really a pdf\n');

const MULTIPART = crlf(
  'From: "Ann Example" <ann@example.com>',
  'To: Team: bob@example.com, "Cy" <cy@example.com>;, dee@example.com',
  'Cc: eve@example.com',
  'Reply-To: replies@example.com',
  'Subject: =?UTF-8?Q?Caf=C3=A9?= report',
  'Date: Wed, 02 Jul 2025 09:30:00 +0000',
  'Message-ID: <report@example.com>',
  'In-Reply-To: <question@example.com>',
  'References: <question@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See attached.',
  '--b1',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  PDF.toString('base64'),
  '--b1--',
  '',
);

describe('parseMessage', () => {
  it('maps a multipart message to the API shape: addresses flattened out of groups, decoded subject, ISO date', async () => {
    const { message } = await parseMessage(MULTIPART, 'uid-1', 3, MULTIPART.length);
    expect(message).toMatchObject({
      id: 'uid-1',
      number: 3,
      size: MULTIPART.length,
      subject: 'Café report',
      from: [{ name: 'Ann Example', address: 'ann@example.com' }],
      to: [
        { name: '', address: 'bob@example.com' },
        { name: 'Cy', address: 'cy@example.com' },
        { name: '', address: 'dee@example.com' },
      ],
      cc: [{ name: '', address: 'eve@example.com' }],
      replyTo: [{ name: '', address: 'replies@example.com' }],
      date: '2025-07-02T09:30:00.000Z',
      messageId: '<report@example.com>',
      inReplyTo: '<question@example.com>',
      references: ['<question@example.com>'],
      html: null,
    });
    expect(message.text?.trim()).toBe('See attached.');
    // Every header as sent, from the header block (not mailparser's reshaped map).
    expect(message.headers['content-type']).toEqual(['multipart/mixed; boundary="b1"']);
  });

  it('describes each attachment with its size and SHA-256, and keeps the bytes for download', async () => {
    const { message, attachments } = await parseMessage(MULTIPART, 'uid-1', 1, MULTIPART.length);
    expect(message.attachments).toEqual([
      {
        index: 0,
        filename: 'report.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        contentId: null,
        disposition: 'attachment',
        sha256: createHash('sha256').update(PDF).digest('hex'),
      },
    ]);
    expect(attachments[0]!.content.equals(PDF)).toBe(true);
  });

  it('answers null or empty for what a minimal message lacks', async () => {
    const raw = crlf('', 'just text', '');
    const { message, attachments } = await parseMessage(raw, '7', 7, raw.length);
    expect(message).toMatchObject({
      subject: null,
      from: [],
      to: [],
      cc: [],
      replyTo: [],
      date: null,
      messageId: null,
      inReplyTo: null,
      references: [],
      html: null,
      attachments: [],
    });
    expect(message.text?.trim()).toBe('just text');
    expect(attachments).toEqual([]);
  });

  it('answers a Date header that does not parse as null, like the listing, never as the current time', async () => {
    const raw = crlf('Date: the day after tomorrow', 'Subject: when?', '', 'body', '');
    const { message } = await parseMessage(raw, '1', 1, raw.length);
    expect(message.date).toBeNull();
    expect(message.headers.date).toEqual(['the day after tomorrow']);
  });

  it('keeps every reference of a thread, in order', async () => {
    const raw = crlf('References: <a@x> <b@x>', '  <c@x>', '', '');
    expect((await parseMessage(raw, '1', 1, raw.length)).message.references).toEqual(['<a@x>', '<b@x>', '<c@x>']);
  });

  it('shows an HTML body as html, without converting it to text', async () => {
    const raw = crlf('Content-Type: text/html; charset=utf-8', '', '<p>Hello <b>there</b></p>', '');
    const { message } = await parseMessage(raw, '1', 1, raw.length);
    expect(message.html?.trim()).toBe('<p>Hello <b>there</b></p>');
  });
});
