import { encodeMultiline, topOf } from '../../../src/demo/wire-format';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('encodeMultiline', () => {
  it('doubles the dot of every line that starts with one, the first line included', () => {
    expect(encodeMultiline(bytes('.first\r\nplain\r\n.\r\n..\r\n.hidden\r\n')).toString('latin1')).toBe(
      '..first\r\nplain\r\n..\r\n...\r\n..hidden\r\n.\r\n',
    );
  });

  it('leaves dots that are not at the start of a line alone', () => {
    expect(encodeMultiline(bytes('a.b\r\nx .\r\n')).toString('latin1')).toBe('a.b\r\nx .\r\n.\r\n');
  });

  it('adds the CRLF a message lacks before the terminator', () => {
    expect(encodeMultiline(bytes('no newline at end')).toString('latin1')).toBe('no newline at end\r\n.\r\n');
  });

  it('encodes an empty body as the terminator alone', () => {
    expect(encodeMultiline(Buffer.alloc(0)).toString('latin1')).toBe('.\r\n');
  });

  it('passes 8-bit bytes through untouched', () => {
    const body = Buffer.from([0xff, 0x00, 0x80, 0x0d, 0x0a]);
    expect(encodeMultiline(body)).toEqual(Buffer.concat([body, bytes('.\r\n')]));
  });
});

describe('topOf', () => {
  const message = bytes('Subject: x\r\nFrom: y\r\n\r\nline 1\r\nline 2\r\nline 3\r\n');

  it('returns the header block and the blank line for 0 body lines', () => {
    expect(topOf(message, 0).toString('latin1')).toBe('Subject: x\r\nFrom: y\r\n\r\n');
  });

  it('returns the requested number of body lines', () => {
    expect(topOf(message, 2).toString('latin1')).toBe('Subject: x\r\nFrom: y\r\n\r\nline 1\r\nline 2\r\n');
  });

  it('returns the whole message when asked for more lines than it has', () => {
    expect(topOf(message, 99)).toEqual(message);
  });

  it('returns the whole message when it has no body', () => {
    const headersOnly = bytes('Subject: x\r\n');
    expect(topOf(headersOnly, 5)).toEqual(headersOnly);
  });
});
