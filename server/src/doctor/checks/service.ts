import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { type Health, healthSchema } from '@serambi/shared';
import type { LiveKitGateway } from '../../livekit/gateway.ts';
import { createSmtpMailer } from '../../notifications/mailer.ts';
import { WEBHOOK_ANSWER } from '../test-room.ts';

/** Serambi's health report through the public address, with the Date header of the answer and when it was asked. */
export async function fetchHealth(publicUrl: string): Promise<{
  status: number;
  health: Health | undefined;
  date: Date | undefined;
  askedAt: number;
  answeredAt: number;
}> {
  const askedAt = Date.now();
  const answer = await fetch(`${publicUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
  const answeredAt = Date.now();
  const parsed = healthSchema.safeParse(await answer.json().catch(() => undefined));
  const dateHeader = answer.headers.get('date');
  return {
    status: answer.status,
    health: parsed.success ? parsed.data : undefined,
    date: dateHeader ? new Date(dateHeader) : undefined,
    askedAt,
    answeredAt,
  };
}

/**
 * How far this machine's clock is from a Date header, in whole seconds: the header's second is
 * rounded down by the server, so a request whose middle falls within that second is 0 apart.
 */
export function clockSkewSeconds(date: Date, askedAt: number, answeredAt: number): number {
  const middle = (askedAt + answeredAt) / 2;
  const start = date.getTime();
  if (middle < start) return Math.ceil((start - middle) / 1000);
  if (middle >= start + 1000) return Math.ceil((middle - start - 1000) / 1000);
  return 0;
}

/** Free bytes (for an unprivileged user) on the disk of `dir`, or of its nearest existing parent. */
export async function freeBytes(dir: string): Promise<number> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stats = await statfs(current);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}

export function megabytes(bytes: number): string {
  return bytes >= 10 * 1024 ** 3 ? `${Math.round(bytes / 1024 ** 3)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/**
 * Waits for Serambi's answer to the test room's room_started webhook (see `answerDoctorRooms`)
 * in the room's metadata: the seconds it took, or undefined when none came by the deadline.
 */
export async function untilWebhookAnswered(
  livekit: Pick<LiveKitGateway, 'roomMetadata'>,
  room: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await livekit.roomMetadata(room)) === WEBHOOK_ANSWER) return (performance.now() - started) / 1000;
    // LiveKit's API has no event to wait on; the answer usually comes within a second.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

export async function sendTestMail(input: {
  smtpUrl: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  now: () => Date;
}): Promise<string> {
  const mailer = createSmtpMailer(input.smtpUrl, input.from, input.now);
  try {
    const html = `<p>${input.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`;
    const { messageId } = await mailer.send({ to: input.to, subject: input.subject, text: input.text, html });
    return messageId;
  } finally {
    await mailer.close();
  }
}
