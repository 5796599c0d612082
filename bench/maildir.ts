/**
 * Fills a Dovecot user's Maildir directly: thousands of files written in parallel batches,
 * straight into `cur/`, with `S=` (file size) and `W=` (size with CRLF line endings) in the
 * names so Dovecot answers LIST without opening each file. Much faster than delivering
 * messages one by one, which matters for a 10,000-message mailbox.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface MailOwner {
  uid: number;
  gid: number;
}

/** Dovecot's mail processes run as `nobody` in the test Dovecot (see test/support/dovecot.ts). */
export async function mailOwner(): Promise<MailOwner> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8');
  const fields = passwd.split('\n').find((line) => line.startsWith('nobody:'))?.split(':');
  if (!fields?.[2] || !fields[3]) throw new Error('no "nobody" user in /etc/passwd');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

const BATCH = 256;

/**
 * Writes `count` messages into `<mailRoot>/<user>/cur`, in POP3 order (message `i` gets
 * number `i + 1`). `message(i)` must use LF line endings.
 */
export async function fillMaildir(mailRoot: string, user: string, count: number, message: (i: number) => Buffer): Promise<void> {
  const owner = await mailOwner();
  const maildir = path.join(mailRoot, user);
  for (const sub of ['', 'tmp', 'new', 'cur']) {
    const dir = path.join(maildir, sub);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.chown(dir, owner.uid, owner.gid);
  }
  const second = Math.floor(Date.now() / 1000) - 3600;
  for (let start = 0; start < count; start += BATCH) {
    const writes: Promise<void>[] = [];
    for (let i = start; i < Math.min(start + BATCH, count); i++) {
      const body = message(i);
      const name = `${second}.M${String(i).padStart(6, '0')}P1.popgate-bench,S=${body.length},W=${crlfSize(body)}:2,`;
      const file = path.join(maildir, 'cur', name);
      writes.push(fs.writeFile(file, body, { mode: 0o600 }).then(() => fs.chown(file, owner.uid, owner.gid)));
    }
    await Promise.all(writes);
  }
}

/** The message's size as POP3 counts it: every LF becomes CRLF. */
function crlfSize(body: Buffer): number {
  let lfs = 0;
  for (let at = body.indexOf(0x0a); at !== -1; at = body.indexOf(0x0a, at + 1)) lfs++;
  return body.length + lfs;
}
