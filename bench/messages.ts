/**
 * Synthetic mail for the benchmarks: small text messages for the big listings, and one
 * large message shaped like a real attachment (base64 lines, plus lines that start with a
 * dot so the POP3 reader has dot-stuffing to undo).
 */
const LF = '\n';

/** A small text/plain message (about 600 octets), LF line endings as Maildir stores them. */
export function smallMessage(index: number): Buffer {
  return Buffer.from(
    [
      `From: Sender ${index % 97} <sender${index % 97}@example.org>`,
      'To: Bench Reader <reader@example.org>',
      `Subject: Benchmark message ${index}`,
      `Date: ${new Date(Date.UTC(2024, 0, 1) + index * 60_000).toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <bench-${index}@example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Message number ${index} of a benchmark mailbox.`,
      'The quick brown fox jumps over the lazy dog. '.repeat(8).trim(),
      '.a line that starts with a dot',
      '',
    ].join(LF),
  );
}

/**
 * A message of about `bytes` octets: headers, then a base64 body of 76-character lines; one
 * line in 64 starts with a dot. Deterministic, built in one pass without per-line strings.
 */
export function largeMessage(bytes: number): Buffer {
  const header = Buffer.from(
    [
      'From: Big Sender <big@example.org>',
      'To: Bench Reader <reader@example.org>',
      'Subject: A large attachment',
      'Date: Mon, 01 Jan 2024 00:00:00 +0000',
      'Message-ID: <bench-large@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: application/octet-stream; name="blob.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      '',
    ].join(LF),
  );
  const alphabet = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
  const lineLength = 77; // 76 characters + LF
  const lines = Math.max(1, Math.floor((bytes - header.length) / lineLength));
  const out = Buffer.allocUnsafe(header.length + lines * lineLength);
  header.copy(out, 0);
  let seed = 0x2545f491;
  let at = header.length;
  for (let line = 0; line < lines; line++) {
    for (let i = 0; i < 76; i++) {
      // xorshift32: cheap, deterministic, incompressible enough for TLS not to matter.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      out[at++] = alphabet[(seed >>> 0) & 63]!;
    }
    out[at++] = 0x0a;
    if (line % 64 === 0) out[at - lineLength] = 0x2e; // '.' at the start of the line
  }
  return out;
}
