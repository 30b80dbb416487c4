import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, parsed, in order of arrival. */
  messages: ParsedMail[];
  /** Resolves once `count` messages have been accepted; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Resolves with the first message (already received or coming) that matches; rejects after `timeoutMs`. */
  waitForMessage(match: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Refuses the next `count` messages: 451 by default (transient, to be retried), or e.g. 550 (for good). */
  failNext(count: number, responseCode?: number): void;
  /** How many messages were refused by failNext. */
  refused(): number;
  /** Goes away as a crashed mail server does: stops listening and cuts open connections off. */
  takeDown(): Promise<void>;
  /** Listens again on the same port, keeping the messages received before. */
  bringBack(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port that keeps what it receives: plain SMTP (no
 * STARTTLS, no required login), so a test sees exactly the bytes a mail server would.
 */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let failuresToAnswer = 0;
  let failureCode = 451;
  let refused = 0;

  const createServer = () =>
    new SMTPServer({
      secure: false,
      // Closing waits this long for open sessions before cutting them: a crash does not wait at all.
      closeTimeout: 100,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        // Read the whole message either way: answering before the data ends breaks the session.
        simpleParser(stream).then(
          (parsed) => {
            if (failuresToAnswer > 0) {
              failuresToAnswer--;
              refused++;
              const reason = failureCode < 500 ? 'Try again later (test peer)' : 'Refused (test peer)';
              callback(Object.assign(new Error(reason), { responseCode: failureCode }));
              return;
            }
            messages.push(parsed);
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  const listen = (server: SMTPServer, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const close = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));
  let server = createServer();
  await listen(server, 0);
  const { port } = server.server.address() as AddressInfo;
  let listening = true;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessages(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The SMTP peer received ${messages.length} of ${count} messages in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    waitForMessage(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`None of the ${messages.length} messages the SMTP peer received in ${timeoutMs} ms matched`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    failNext(count, responseCode = 451) {
      failuresToAnswer = count;
      failureCode = responseCode;
    },
    refused: () => refused,
    async takeDown() {
      listening = false;
      await close(server);
    },
    async bringBack() {
      server = createServer();
      await listen(server, port);
      listening = true;
    },
    stop: async () => {
      if (listening) await close(server);
      listening = false;
    },
  };
}
