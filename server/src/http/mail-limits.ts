import { createHash } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { clientNetwork } from './client-address.ts';
import { AppError } from './errors.ts';
import { type Counted, createSharedRateLimiter, type SharedRateLimiter, tooManyRequests } from './rate-limit.ts';

/**
 * Limits on everything that mails someone, or makes a record in someone's name, on a caller's
 * say-so: nothing in Serambi can be turned into a mail cannon or a seat grabber. Two kinds of
 * limit, both counted in the database (`request_counts`), so they hold across every instance:
 *
 * - per sender: a client network (an IPv4 address, an IPv6 /64) for what anyone may do
 *   (registering), an organizer's account for what organizers do (inviting people);
 * - per recipient, whoever the sender: the same mail (kind and what it is about) to one address
 *   at most once in five minutes, and for some kinds a cap over everything of that kind.
 *
 * A refusal is a 429 problem whose message says what happened and how long to wait (Retry-After
 * too). With RATE_LIMITS=off (tests) nothing is counted.
 */
export type MailKind =
  | 'registration'
  | 'session-invitation'
  | 'organizer-invitation'
  | 'password-reset'
  | 'email-verification';

interface Window {
  max: number;
  windowSeconds: number;
}

/** How long one address waits for the same mail again. */
export const SAME_MAIL_SECONDS = 5 * 60;

/**
 * Mails of one kind to one address, whatever each is about: a person may register for several
 * sessions in a row, but nobody can have one address registered for every session there is.
 */
const PER_RECIPIENT: Partial<Record<MailKind, Window>> = {
  registration: { max: 3, windowSeconds: 10 * 60 },
  'session-invitation': { max: 10, windowSeconds: 60 * 60 },
};

/** What one sender may do. */
export const SENDER_BUDGETS = {
  /** Anyone registering, for a session or a series, per client network: a school behind one NAT still fits. */
  registering: { max: 30, windowSeconds: 10 * 60 },
  /** An organizer registering people by name and email (how private sessions fill). */
  invitingRegistrants: { max: 200, windowSeconds: 60 * 60 },
  /** An organizer naming speakers and moderators. */
  invitingTeam: { max: 50, windowSeconds: 60 * 60 },
  /** An organizer inviting co-organizers. */
  invitingOrganizers: { max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, Window>;

export type SenderBudget = keyof typeof SENDER_BUDGETS;

/** Who is asking, as a budget counts them. */
export interface Sender {
  budget: SenderBudget;
  key: string;
}

/** A caller known by their address (anyone, signed in or not). */
export function fromClient(budget: SenderBudget, address: string): Sender {
  return { budget, key: `net:${clientNetwork(address)}` };
}

/** A signed-in organizer. */
export function fromAccount(budget: SenderBudget, userId: string): Sender {
  return { budget, key: `user:${userId}` };
}

/** One mail a request would send: its kind, its address, and what it is about (a session, a series). */
export interface Mail {
  kind: MailKind;
  to: string;
  about?: string;
}

export interface MailLimits {
  /**
   * Counts each mail against its sender's budget and its recipient's limits; a refusal throws
   * a 429 problem. The recipients' counts can be given back (nothing
   * went to them); the sender's stay, refused requests included.
   */
  count(request: { sender?: Sender; mails: readonly Mail[] }): Promise<Counted>;
  /** `count`, then `send`; if `send` fails, the recipients' counts are given back. */
  guard<T>(request: { sender?: Sender; mails: readonly Mail[] }, send: () => Promise<T>): Promise<T>;
  /** Counts mails sent where nothing may be refused (the confirmation of a sign-up). */
  note(mails: readonly Mail[]): Promise<void>;
}

const nothingCounted: Counted = { giveBack: async () => {} };

/** Counts nothing: RATE_LIMITS=off. */
const unlimited: MailLimits = {
  count: async () => nothingCounted,
  guard: (_request, send) => send(),
  note: async () => {},
};

/** The mail limits of one app; every instance counts in the same table. */
export function createMailLimits(db: Database, options: { enabled: boolean; now: () => Date }): MailLimits {
  if (!options.enabled) return unlimited;
  const limiter = (window: Window) => createSharedRateLimiter(db, { ...window, now: options.now });
  const senders = Object.fromEntries(
    Object.entries(SENDER_BUDGETS).map(([name, window]) => [name, limiter(window)]),
  ) as Record<SenderBudget, SharedRateLimiter>;
  const sameMail = limiter({ max: 1, windowSeconds: SAME_MAIL_SECONDS });
  const perKind = Object.fromEntries(
    Object.entries(PER_RECIPIENT).map(([kind, window]) => [kind, limiter(window)]),
  ) as Partial<Record<MailKind, SharedRateLimiter>>;

  /** Takes every recipient count a mail needs; on a refusal, gives back those already taken. */
  const countRecipients = async (mails: readonly Mail[]): Promise<Counted[]> => {
    const counted: Counted[] = [];
    try {
      for (const mail of mails) {
        counted.push(await sameMail.take(sameMailKey(mail), (s) => tooManyRequests(s, 'problems.mailJustSent')));
        const cap = perKind[mail.kind];
        if (cap) counted.push(await cap.take(kindKey(mail), (s) => tooManyRequests(s, 'problems.mailsToRecipient')));
      }
    } catch (refusal) {
      await giveBackAll(counted);
      throw refusal;
    }
    return counted;
  };

  const limits: MailLimits = {
    async count(request) {
      const mails = distinct(request.mails);
      const { sender } = request;
      // A sender's budget counts mails: a series created with ten speakers spends ten.
      if (sender) for (const _mail of mails) await senders[sender.budget].take(`sender:${sender.budget}:${sender.key}`);
      const counted = await countRecipients(mails);
      return { giveBack: () => giveBackAll(counted) };
    },
    async guard(request, send) {
      const counted = await limits.count(request);
      try {
        return await send();
      } catch (failure) {
        await counted.giveBack();
        throw failure;
      }
    },
    async note(mails) {
      for (const mail of mails) {
        await noting(sameMail.take(sameMailKey(mail)));
        const cap = perKind[mail.kind];
        if (cap) await noting(cap.take(kindKey(mail)));
      }
    },
  };
  return limits;
}

/** One of each mail: a person named twice in one request (speaker and moderator) is one recipient. */
function distinct(mails: readonly Mail[]): Mail[] {
  const seen = new Map<string, Mail>();
  for (const mail of mails) seen.set(`${mail.kind}:${mail.about ?? '-'}:${mail.to.trim().toLowerCase()}`, mail);
  return [...seen.values()];
}

/** The same mail: its kind, what it is about, its address. */
const sameMailKey = (mail: Mail) => `mail:${mail.kind}:${mail.about ?? '-'}:${addressDigest(mail.to)}`;
/** Every mail of its kind to its address. */
const kindKey = (mail: Mail) => `mail:${mail.kind}:${addressDigest(mail.to)}`;

/** The key holds a digest, not the address itself: the table is no second list of emails. */
function addressDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

async function giveBackAll(counted: Counted[]) {
  for (const one of counted.reverse()) await one.giveBack();
}

/** A count that must not refuse: over the limit is fine here, it only makes the next request wait. */
async function noting(counting: Promise<Counted>) {
  await counting.catch((error: unknown) => {
    if (!(error instanceof AppError && error.status === 429)) throw error;
  });
}
