import pino, { type Logger } from 'pino';

/**
 * Structured logs. Credentials are redacted by path, and nothing that carries them
 * (request bodies, POP3 command arguments) is logged in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'popgate' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'authorization',
          'password',
          'pass',
          'accessToken',
          'token',
          '*.password',
          '*.accessToken',
          'credentials',
          '*.credentials',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
