/**
 * The demo maildrop: a handful of realistic messages built in code (no files to ship), each
 * exercising something a client must get right: plain text, HTML alternatives, an
 * attachment, RFC 2047 / 8-bit UTF-8, lines starting with a dot, and a bounce report.
 */

/** A 1×1 PNG, small enough to inline and real enough for any image viewer. */
const PIXEL_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

const DEMO_TO = 'Demo User <demo@popgate.demo>';

/** The sample messages, oldest first, as CRLF-terminated bytes. */
export function sampleMessages(): Buffer[] {
  return [welcome(), newsletter(), invoiceWithAttachments(), greetingsFromCologne(), dotLines(), bounce()];
}

function welcome(): Buffer {
  return message([
    'From: popgate <hello@popgate.demo>',
    `To: ${DEMO_TO}`,
    'Date: Mon, 03 Jun 2024 09:00:00 +0000',
    'Message-ID: <welcome.1@popgate.demo>',
    'Subject: Welcome to popgate',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    'Hello,',
    '',
    'This mailbox is served by the POP3 server bundled with popgate for demo mode.',
    'Log in as user "demo" with password "demo", then try GET /messages.',
    '',
    'Deleting a message here is real but harmless: the demo maildrop lives in memory',
    'and is rebuilt at every start.',
    '',
    '-- ',
    'popgate',
  ]);
}

function newsletter(): Buffer {
  const boundary = '=_alt_7f3a9c';
  return message([
    'From: "Release Notes" <news@popgate.demo>',
    `To: ${DEMO_TO}`,
    'Date: Tue, 04 Jun 2024 14:30:00 +0200',
    'Message-ID: <newsletter.2@popgate.demo>',
    'Subject: What\'s new in popgate 0.1',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    'What\'s new in popgate 0.1',
    '',
    '* Streaming raw messages',
    '* Cached listings',
    '* Swagger UI at /docs',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    '<!DOCTYPE html>',
    '<html><body>',
    '<h1>What&#39;s new in popgate 0.1</h1>',
    '<ul><li>Streaming raw messages</li><li>Cached listings</li><li>Swagger UI at <a href="/docs">/docs</a></li></ul>',
    '</body></html>',
    `--${boundary}--`,
  ]);
}

function invoiceWithAttachments(): Buffer {
  const boundary = '=_mixed_41d2e8';
  const csv = Buffer.from('item,quantity,price\r\nPOP3 gateway,1,0.00\r\n').toString('base64');
  return message([
    'From: Billing <billing@popgate.demo>',
    `To: ${DEMO_TO}`,
    'Date: Wed, 05 Jun 2024 08:15:42 +0000',
    'Message-ID: <invoice.3@popgate.demo>',
    'Subject: Your invoice and logo',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    'Please find the invoice (CSV) and our logo attached.',
    `--${boundary}`,
    'Content-Type: text/csv; charset=utf-8; name="invoice.csv"',
    'Content-Disposition: attachment; filename="invoice.csv"',
    'Content-Transfer-Encoding: base64',
    '',
    csv,
    `--${boundary}`,
    'Content-Type: image/png; name="logo.png"',
    'Content-Disposition: attachment; filename="logo.png"',
    'Content-ID: <logo@popgate.demo>',
    'Content-Transfer-Encoding: base64',
    '',
    PIXEL_PNG_BASE64,
    `--${boundary}--`,
  ]);
}

function greetingsFromCologne(): Buffer {
  return message([
    `From: ${encodeWord('Jürgen Müller')} <juergen@popgate.demo>`,
    `To: ${DEMO_TO}`,
    'Date: Thu, 06 Jun 2024 18:05:00 +0200',
    'Message-ID: <koeln.4@popgate.demo>',
    `Subject: ${encodeWord('Grüße aus Köln — 東京')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Liebe Grüße aus Köln! Nächste Woche geht es nach 東京.',
    'Bis bald — Jürgen',
  ]);
}

function dotLines(): Buffer {
  return message([
    'From: Tests <tests@popgate.demo>',
    `To: ${DEMO_TO}`,
    'Date: Fri, 07 Jun 2024 11:11:11 +0000',
    'Message-ID: <dots.5@popgate.demo>',
    'Subject: Lines that start with a dot',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'The next three lines start with a dot; POP3 must stuff them on the wire.',
    '.',
    '..',
    '.hidden',
    'A single dot on its own line would otherwise end the reply early.',
  ]);
}

function bounce(): Buffer {
  const boundary = '=_report_0b77';
  return message([
    'From: Mail Delivery System <MAILER-DAEMON@popgate.demo>',
    `To: ${DEMO_TO}`,
    'Date: Sat, 08 Jun 2024 07:00:03 +0000',
    'Message-ID: <bounce.6@popgate.demo>',
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message to nobody@example.invalid could not be delivered.',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; popgate.demo',
    '',
    'Final-Recipient: rfc822; nobody@example.invalid',
    'Action: failed',
    'Status: 5.1.1',
    `--${boundary}--`,
  ]);
}

/** RFC 2047 encoded-word (UTF-8, base64) for a header value. */
function encodeWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function message(lines: string[]): Buffer {
  return Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');
}
