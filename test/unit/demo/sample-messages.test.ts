import { simpleParser } from 'mailparser';
import { sampleMessages } from '../../../src/demo/sample-messages';

describe('sampleMessages', () => {
  const messages = sampleMessages();

  it('has a handful of messages, each with CRLF line endings only', () => {
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) {
      const text = message.toString('latin1');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('gives every message the usual headers and a unique Message-ID', async () => {
    const parsed = await Promise.all(messages.map((message) => simpleParser(message)));
    for (const mail of parsed) {
      expect(mail.from?.value[0]?.address).toMatch(/@popgate\.demo$/);
      expect(mail.date).toBeInstanceOf(Date);
      expect(mail.subject).toBeTruthy();
      expect(mail.headers.get('mime-version')).toBe('1.0');
    }
    expect(new Set(parsed.map((mail) => mail.messageId)).size).toBe(messages.length);
  });

  it('includes an HTML message with a plain-text alternative', async () => {
    const parsed = await Promise.all(messages.map((message) => simpleParser(message)));
    expect(parsed.some((mail) => mail.html && mail.text?.includes('Streaming raw messages'))).toBe(true);
  });

  it('includes attachments whose bytes decode exactly', async () => {
    const parsed = await Promise.all(messages.map((message) => simpleParser(message)));
    const attachments = parsed.flatMap((mail) => mail.attachments);
    const png = attachments.find((attachment) => attachment.filename === 'logo.png');
    const csv = attachments.find((attachment) => attachment.filename === 'invoice.csv');
    expect(png?.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(csv?.content.toString('utf8')).toBe('item,quantity,price\r\nPOP3 gateway,1,0.00\r\n');
  });

  it('includes an RFC 2047 encoded non-ASCII subject and an 8-bit UTF-8 body', async () => {
    const parsed = await Promise.all(messages.map((message) => simpleParser(message)));
    const cologne = parsed.find((mail) => mail.subject === 'Grüße aus Köln — 東京');
    expect(cologne?.text).toContain('東京');
    expect(messages.some((message) => message.toString('latin1').includes('Subject: =?UTF-8?B?'))).toBe(true);
  });

  it('includes body lines that start with a dot', () => {
    expect(messages.some((message) => {
      const text = message.toString('latin1');
      return text.includes('\r\n.\r\n') && text.includes('\r\n..\r\n') && text.includes('\r\n.hidden\r\n');
    })).toBe(true);
  });
});
