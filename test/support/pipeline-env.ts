/**
 * The environment of a whole gateway (`startGateway(loadConfig(env))`) for the new-mail pipeline
 * tests: a test Dovecot (its CA written to a temporary file, as POP3_CA_FILE wants), a Redis, the
 * test's secret and admin token, private webhook targets allowed, polls every 10 s (the least
 * POLL_INTERVAL_S allows). `remove()` deletes the CA file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DovecotServer } from './dovecot';

export interface PipelineEnv {
  env: Record<string, string>;
  remove(): void;
}

export function pipelineEnv(dovecot: DovecotServer, redisUrl: string, auth: { secret: Buffer; admin: string }, extra: Record<string, string> = {}): PipelineEnv {
  const caDir = mkdtempSync(join(tmpdir(), 'popgate-pipeline-'));
  writeFileSync(join(caDir, 'ca.pem'), dovecot.caPem);
  return {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      POP3_HOST: dovecot.host,
      POP3_PORT: String(dovecot.pop3sPort),
      POP3_CA_FILE: join(caDir, 'ca.pem'),
      REDIS_URL: redisUrl,
      POPGATE_SECRET: auth.secret.toString('base64'),
      ADMIN_TOKENS: auth.admin,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      POLL_INTERVAL_S: '10',
      LOG_LEVEL: 'info',
      ...extra,
    },
    remove: () => rmSync(caDir, { recursive: true, force: true }),
  };
}
