import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Address, AttachmentInfo, ParsedMessage } from '../models/message';
import { dateOf, parseHeaderBlock } from './header-block';

/** A parsed message with its attachments' bytes kept for /attachments/{index}. */
export interface ParsedWithContent {
  message: ParsedMessage;
  attachments: Attachment[];
}

/** Parses raw RFC 5322 bytes with mailparser into the API's message shape. */
export async function parseMessage(raw: Buffer, id: string, number: number, size: number): Promise<ParsedWithContent> {
  const mail: ParsedMail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const { headers } = parseHeaderBlock(raw);
  const message: ParsedMessage = {
    id,
    number,
    size,
    subject: mail.subject ?? null,
    from: addresses(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    // Not mail.date: mailparser puts the current time in place of a Date it cannot parse.
    date: dateOf(headers),
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []),
    headers,
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments.map(describe),
  };
  return { message, attachments: mail.attachments };
}

function describe(attachment: Attachment, index: number): AttachmentInfo {
  return {
    index,
    filename: attachment.filename ?? null,
    contentType: attachment.contentType,
    size: attachment.content.length,
    contentId: attachment.contentId ?? null,
    disposition: attachment.contentDisposition ?? null,
    sha256: createHash('sha256').update(attachment.content).digest('hex'),
  };
}

/** Flattens mailparser's address objects (and groups) into `{name, address}` pairs. */
function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else out.push({ name: entry.name ?? '', address: entry.address ?? '' });
    }
  };
  for (const object of Array.isArray(value) ? value : [value]) walk(object.value);
  return out;
}
