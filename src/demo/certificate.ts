import { generate } from 'selfsigned';

/** A certificate and its private key, both PEM. */
export interface DemoCertificate {
  certPem: string;
  keyPem: string;
}

/** How long the demo certificate is valid; a process rarely lives this long without a restart. */
const VALIDITY_DAYS = 365;
/** Clock skew tolerated between whoever makes the certificate and whoever checks it. */
const BACKDATE_MS = 60 * 60 * 1000;

/**
 * Makes a fresh self-signed certificate for `localhost` / 127.0.0.1 / ::1, in memory.
 * The gateway trusts it by passing `certPem` as the POP3 client's `ca`, so the demo
 * exercises the same verified-TLS path as a real upstream (nothing is written to disk).
 * An EC P-256 key keeps this to a few milliseconds.
 */
export async function generateDemoCertificate(commonName = 'localhost'): Promise<DemoCertificate> {
  const notBeforeDate = new Date(Date.now() - BACKDATE_MS);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: commonName },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
