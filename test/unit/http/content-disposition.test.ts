import { attachmentDisposition, safeContentType } from '../../../src/http/responses/content-disposition';

describe('attachmentDisposition', () => {
  test('an ASCII name is given plainly and in filename*', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  test("a UTF-8 name is percent-encoded in filename*, with an ASCII stand-in for old clients", () => {
    expect(attachmentDisposition('Grüße 2025.txt')).toBe(`attachment; filename="Gr__e 2025.txt"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%202025.txt`);
  });

  test("characters outside RFC 8187 attr-char (' ( ) * %) are encoded", () => {
    expect(attachmentDisposition("it's (100%)*.txt")).toBe(`attachment; filename="it's (100_)*.txt"; filename*=UTF-8''it%27s%20%28100%25%29%2A.txt`);
  });

  test('path separators, quotes, and control characters cannot escape the header or the download folder', () => {
    const value = attachmentDisposition('..\\../etc/"passwd"\r\nX-Evil: 1');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe(`attachment; filename=".._.._etc__passwd_X-Evil: 1"; filename*=UTF-8''.._.._etc_%22passwd%22X-Evil%3A%201`);
  });

  test('no name, or nothing left of it, is a bare attachment', () => {
    expect(attachmentDisposition(null)).toBe('attachment');
    expect(attachmentDisposition('\r\n')).toBe('attachment');
  });
});

describe('safeContentType', () => {
  test.each(['application/pdf', 'text/plain; charset=utf-8', 'image/svg+xml', 'text/plain; name="a b.txt"'])('%s is kept', (type) => {
    expect(safeContentType(type)).toBe(type);
  });

  test.each(['text/html\r\nSet-Cookie: a=b', 'garbage', '', 'text/', 'text/plain; charset'])('%j becomes application/octet-stream', (type) => {
    expect(safeContentType(type)).toBe('application/octet-stream');
  });
});
