import { parseHeaderBlock, summarize } from '../../../src/services/header-block';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

describe('parseHeaderBlock', () => {
  it('takes everything before the first empty line, and keeps it raw', () => {
    const block = parseHeaderBlock(crlf('Subject: hi', 'From: a@example.com', '', 'Subject: not a header', 'body'));
    expect(block.raw).toBe('Subject: hi\r\nFrom: a@example.com\r\n');
    expect(block.headers).toEqual({ subject: ['hi'], from: ['a@example.com'] });
  });

  it('ends the block at a bare-LF empty line too, whichever comes first', () => {
    expect(parseHeaderBlock(Buffer.from('Subject: lf\n\nbody\r\n\r\n')).raw).toBe('Subject: lf\n');
    expect(parseHeaderBlock(Buffer.from('Subject: crlf\r\n\r\nbody\n\n')).raw).toBe('Subject: crlf\r\n');
  });

  it('reads a TOP n 0 reply without any empty line as all header', () => {
    expect(parseHeaderBlock(Buffer.from('Subject: only\r\n')).headers).toEqual({ subject: ['only'] });
  });

  it('unfolds folded fields, lower-cases names and keeps repeated fields in order', () => {
    const block = parseHeaderBlock(crlf('Received: from a', '\tby b', 'RECEIVED: from c', 'X-Long: one', '  two', '', ''));
    expect(block.headers).toEqual({ received: ['from a\tby b', 'from c'], 'x-long': ['one  two'] });
  });

  it('skips lines that are not fields', () => {
    expect(parseHeaderBlock(crlf('>From someone', ': no name', 'Subject: kept', '', '')).headers).toEqual({ subject: ['kept'] });
  });

  it('decodes RFC 2047 encoded words, in Base64 and Q, in any charset', () => {
    const block = parseHeaderBlock(
      crlf('Subject: =?UTF-8?B?8J+OiSBQYXJ0eQ==?=', 'From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.com>', '', ''),
    );
    expect(block.headers.subject).toEqual(['🎉 Party']);
    expect(block.headers.from).toEqual(['André <andre@example.com>']);
  });

  it('reads raw 8-bit headers as UTF-8 (RFC 6532), and bytes that are not UTF-8 as latin1, losing none', () => {
    expect(parseHeaderBlock(crlf('Subject: Grüße', '', '')).headers.subject).toEqual(['Grüße']);
    const latin1 = Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9]), Buffer.from('\r\n\r\n')]);
    const block = parseHeaderBlock(latin1);
    expect(block.headers.subject).toEqual(['café']);
    expect(Buffer.from(block.raw, 'latin1').equals(latin1.subarray(0, latin1.length - 2))).toBe(true);
  });

  it('keeps a malformed encoded word as written', () => {
    expect(parseHeaderBlock(crlf('Subject: =?bogus?X?abc?=', '', '')).headers.subject).toEqual(['=?bogus?X?abc?=']);
  });
});

describe('summarize', () => {
  it('shows the first value of each listed field, and the date in ISO 8601', () => {
    const { headers } = parseHeaderBlock(
      crlf('Subject: one', 'Subject: two', 'From: a@example.com', 'To: b@example.com', 'Date: Tue, 1 Jul 2025 10:00:00 +0200', 'Message-ID: <m@x>', '', ''),
    );
    expect(summarize(headers)).toEqual({
      subject: 'one',
      from: 'a@example.com',
      to: 'b@example.com',
      date: '2025-07-01T08:00:00.000Z',
      messageId: '<m@x>',
    });
  });

  it('answers null for a missing field and for a date that does not parse', () => {
    expect(summarize({ date: ['not a date'] })).toEqual({ subject: null, from: null, to: null, date: null, messageId: null });
  });
});
