/**
 * A FakePop3Server that logs users in with AUTH XOAUTH2 (RFC-less but documented by Google and
 * Microsoft): `user=<user>^Aauth=Bearer <token>^A^A`, base64, inline or after a `+`. Tokens are
 * judged by `isValid` (the fake OAuth server's issued tokens); a refusal is `-ERR [AUTH]`.
 * Minimal on purpose: the provider-faithful fakes (Gmail's and Microsoft's challenges and
 * words) live with the POP3 wire tests.
 */
import { randomBytes } from 'node:crypto';
import { FakePop3Server, type FakeContext } from './fake-pop3-server';

export interface Xoauth2Login {
  connection: number;
  user: string;
  token: string;
  accepted: boolean;
}

export interface Xoauth2Pop3 {
  fake: FakePop3Server;
  /** Every XOAUTH2 attempt, in order. */
  logins: Xoauth2Login[];
}

export async function startXoauth2Pop3(users: Array<{ name: string; messages: Buffer[] }>, isValid: (user: string, token: string) => boolean): Promise<Xoauth2Pop3> {
  // Passwords nobody knows: XOAUTH2 is the only way in.
  const passwords = new Map(users.map((u) => [u.name, randomBytes(12).toString('hex')]));
  const fake = await FakePop3Server.start({ users: users.map((u) => ({ name: u.name, password: passwords.get(u.name)!, messages: u.messages })) });
  const logins: Xoauth2Login[] = [];
  const awaitingResponse = new Set<number>();

  const finish = async (ctx: FakeContext, response: string): Promise<void> => {
    const fields = /^user=([^\x01]*)\x01auth=Bearer ([^\x01]*)\x01\x01$/.exec(Buffer.from(response, 'base64').toString('utf8'));
    const user = fields?.[1] ?? '';
    const token = fields?.[2] ?? '';
    const accepted = fields !== null && passwords.has(user) && isValid(user, token);
    logins.push({ connection: ctx.connectionNumber, user, token, accepted });
    if (!accepted) return ctx.reply('-ERR [AUTH] Invalid credentials\r\n');
    return ctx.answerAs(`AUTH PLAIN ${Buffer.from(`\0${user}\0${passwords.get(user)!}`).toString('base64')}`);
  };

  fake.on('CAPA', (ctx) => ctx.reply(ctx.defaultReply().toString('latin1').replace('SASL PLAIN', 'SASL PLAIN XOAUTH2')));
  fake.on('AUTH', (ctx) => {
    if (ctx.args[0]?.toUpperCase() !== 'XOAUTH2') return ctx.default();
    const inline = ctx.args[1];
    if (inline !== undefined) return finish(ctx, inline);
    awaitingResponse.add(ctx.connectionNumber);
    return ctx.reply('+ \r\n');
  });
  // The line after `+` is the SASL response, not a command.
  fake.on('*', (ctx) => {
    if (!awaitingResponse.delete(ctx.connectionNumber)) return ctx.default();
    return finish(ctx, ctx.line);
  });
  return { fake, logins };
}
