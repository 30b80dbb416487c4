import { lookup } from 'node:dns/promises';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';

/** Every address `host` resolves to, as this machine's resolver (getaddrinfo: /etc/hosts, then DNS) answers. */
export async function resolveName(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

export interface CertificateFacts {
  /** Why the chain is not trusted (expired, unknown issuer, …); undefined when it is. */
  chainError: string | undefined;
  /** Why the certificate does not name `host`; undefined when it does. */
  nameError: string | undefined;
  names: string;
  validTo: Date;
  issuer: string;
}

const TLS_TIMEOUT_MS = 10_000;

/**
 * The certificate `host:port` presents to a client that asks for `host` (SNI), judged as a
 * browser would: a chain to a trusted root (this machine's, plus NODE_EXTRA_CA_CERTS) and the name.
 */
export function inspectCertificate(host: string, port: number): Promise<CertificateFacts> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    socket.setTimeout(TLS_TIMEOUT_MS, () => socket.destroy(new Error(`timed out after ${TLS_TIMEOUT_MS / 1000} s`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const certificate: PeerCertificate = socket.getPeerCertificate();
      const chainError = socket.authorized ? undefined : String(socket.authorizationError);
      socket.end();
      resolve({
        chainError,
        nameError: checkServerIdentity(host, certificate)?.message,
        names: certificate.subjectaltname ?? '',
        validTo: new Date(certificate.valid_to),
        issuer: [certificate.issuer?.O, certificate.issuer?.CN].filter(Boolean).join(' / ') || '?',
      });
    });
  });
}
