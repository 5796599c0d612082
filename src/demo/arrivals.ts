import type { DemoPop3Server } from './pop3-server';

/** DEMO_MAIL_EVERY_S's default: new mail often enough that /events/stream shows some within a minute. */
export const DEMO_MAIL_EVERY_S = 30;

/**
 * Demo mode's steady trickle of new mail: a small message lands in the demo maildrop every
 * `everyMs`, so the poller has something to report (GET /events, /events/stream, webhooks).
 */
export function startDemoArrivals(server: DemoPop3Server, everyMs: number, user = 'demo'): { stop(): void } {
  let count = 0;
  const timer = setInterval(() => server.deliver(user, arrival(++count, new Date(), everyMs / 1000)), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The `n`th new message of this run. */
export function arrival(n: number, at: Date, everyS = DEMO_MAIL_EVERY_S): Buffer {
  const lines = [
    'From: popgate demo <arrivals@popgate.demo>',
    'To: Demo User <demo@popgate.demo>',
    `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <arrival.${at.getTime()}.${n}@popgate.demo>`,
    `Subject: New demo message #${n}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    `Demo mode delivers a message like this one every ${everyS} seconds (DEMO_MAIL_EVERY_S),`,
    'so the poller of the registered account "demo" has new mail to report.',
    'Watch it arrive: GET /events/stream with the admin token from the start log.',
  ];
  return Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');
}
