/**
 * `Content-Disposition: attachment` for a file name from a message (RFC 6266). The name
 * goes in `filename*` (RFC 8187/5987, UTF-8, percent-encoded) with a plain-ASCII `filename`
 * fallback for old clients. Path separators and control characters are dropped first: the
 * name comes from whoever sent the mail.
 */
export function attachmentDisposition(filename: string | null): string {
  const safe = filename === null ? '' : safeFilename(filename);
  if (safe === '') return 'attachment';
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}

function safeFilename(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\]/g, '_')
    .trim();
}

/** A quoted-string without escapes: non-ASCII, quotes, backslashes and `%` become `_`. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 8187 attr-char is encodeURIComponent's safe set minus `'()*`. */
function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A media type we can put in a header as given; anything else is served as opaque bytes. */
export function safeContentType(contentType: string): string {
  const mediaType = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+|"[^"\\\u0000-\u001f\u007f]*"))*$/;
  return mediaType.test(contentType) ? contentType : 'application/octet-stream';
}
