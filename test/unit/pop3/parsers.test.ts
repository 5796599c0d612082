import { Pop3ProtocolError } from '../../../src/pop3/errors';
import {
  parseApopTimestamp,
  parseCapabilities,
  parseListLine,
  parseStat,
  parseUidlLine,
  splitLines,
} from '../../../src/pop3/parsers';

describe('parseStat', () => {
  it('reads the count and size from the status line or its text', () => {
    expect(parseStat('+OK 2 320')).toEqual({ count: 2, size: 320 });
    expect(parseStat('2 320')).toEqual({ count: 2, size: 320 });
  });

  it('ignores text a server adds after the numbers', () => {
    expect(parseStat('0 0 mailbox empty')).toEqual({ count: 0, size: 0 });
  });

  it.each(['', '2', 'two 320', '-1 5', '2 3.5'])('refuses %j', (text) => {
    expect(() => parseStat(text)).toThrow(Pop3ProtocolError);
  });
});

describe('parseListLine', () => {
  it('reads a scan listing', () => {
    expect(parseListLine('1 120')).toEqual({ number: 1, size: 120 });
    expect(parseListLine('+OK 7 99')).toEqual({ number: 7, size: 99 });
  });

  it('refuses message number 0 and missing sizes', () => {
    expect(() => parseListLine('0 10')).toThrow(Pop3ProtocolError);
    expect(() => parseListLine('3')).toThrow(Pop3ProtocolError);
  });
});

describe('parseUidlLine', () => {
  it('reads a unique-id listing', () => {
    expect(parseUidlLine('1 whqtswO00WBw418f9t5JxYwZ')).toEqual({ number: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' });
  });

  it('accepts every printable character of RFC 1939 §7 and 70 of them', () => {
    const uid = '!~'.repeat(35);
    expect(parseUidlLine(`2 ${uid}`).uid).toBe(uid);
  });

  it('refuses uids that are too long or hold bytes outside 0x21-0x7E', () => {
    expect(() => parseUidlLine(`1 ${'a'.repeat(71)}`)).toThrow(Pop3ProtocolError);
    expect(() => parseUidlLine('1 caf\u00e9')).toThrow(Pop3ProtocolError);
    expect(() => parseUidlLine('1')).toThrow(Pop3ProtocolError);
  });
});

describe('parseCapabilities', () => {
  it('maps upper-cased names to their arguments', () => {
    expect(parseCapabilities(['TOP', 'uidl', 'SASL PLAIN LOGIN', 'EXPIRE 31 USER', '', 'PIPELINING'])).toEqual({
      TOP: [],
      UIDL: [],
      SASL: ['PLAIN', 'LOGIN'],
      EXPIRE: ['31', 'USER'],
      PIPELINING: [],
    });
  });
});

describe('parseApopTimestamp', () => {
  it('finds the RFC 1939 timestamp, brackets included', () => {
    expect(parseApopTimestamp('POP3 server ready <1896.697170952@dbc.mtview.ca.us>')).toBe('<1896.697170952@dbc.mtview.ca.us>');
  });

  it('is null when the greeting has none', () => {
    expect(parseApopTimestamp('Dovecot ready.')).toBeNull();
    expect(parseApopTimestamp('ready <no-at-sign>')).toBeNull();
  });
});

describe('splitLines', () => {
  it('splits an unstuffed body on CRLF without a trailing empty line', () => {
    expect(splitLines(Buffer.from('1 10\r\n2 20\r\n'))).toEqual(['1 10', '2 20']);
    expect(splitLines(Buffer.alloc(0))).toEqual([]);
  });
});
