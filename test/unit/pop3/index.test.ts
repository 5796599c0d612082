import * as pop3 from '../../../src/pop3';

describe('the pop3 module entry point', () => {
  it('exports the client, the error classes, the parsers and the limits', () => {
    expect(typeof pop3.Pop3Client.connect).toBe('function');
    expect(new pop3.Pop3ProtocolError('x')).toBeInstanceOf(pop3.Pop3Error);
    expect(pop3.parseStat('+OK 1 2')).toEqual({ count: 1, size: 2 });
    expect(pop3.MAX_STATUS_LINE_OCTETS).toBe(512);
  });
});
