import type { Problem } from '@serambi/shared';
import { DisconnectReason } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api/problem.ts';
import { phaseOfDisconnect, phaseOfRefusal, phaseOfStanding } from './room-phase.ts';

const refusal = (status: number, code: string) =>
  new ApiProblem(status, { type: 'about:blank', title: code, status, code, detail: code } as Problem);

describe('the screen a visitor ends on', () => {
  it('is the end once the session ended or was cancelled, and a refusal once a moderator denied them', () => {
    const standing = (status: string, admission: string) =>
      phaseOfStanding({ session: { status }, me: { admission } } as never)?.name;
    expect(standing('ended', 'admitted')).toBe('ended');
    expect(standing('cancelled', 'pending')).toBe('ended');
    expect(standing('live', 'denied')).toBe('denied');
    expect(standing('live', 'admitted')).toBeUndefined();
    expect(standing('scheduled', 'pending')).toBeUndefined();
  });

  it('follows the door’s refusal: banned, removed, cancelled, or the problem itself', () => {
    expect(phaseOfRefusal(refusal(403, 'room_banned'))).toEqual({ name: 'removed', banned: true });
    expect(phaseOfRefusal(refusal(403, 'room_removed'))).toEqual({ name: 'removed', banned: false });
    expect(phaseOfRefusal(refusal(410, 'room_cancelled'))).toEqual({ name: 'ended' });
    const locked = refusal(403, 'room_locked');
    expect(phaseOfRefusal(locked)).toEqual({ name: 'refused', problem: locked });
  });

  it('after a lost connection is removal or "elsewhere" when LiveKit says so, otherwise none (join again)', () => {
    expect(phaseOfDisconnect(DisconnectReason.PARTICIPANT_REMOVED)).toEqual({ name: 'removed', banned: false });
    expect(phaseOfDisconnect(DisconnectReason.DUPLICATE_IDENTITY)).toEqual({ name: 'elsewhere' });
    expect(phaseOfDisconnect(DisconnectReason.SIGNAL_CLOSE)).toBeUndefined();
    expect(phaseOfDisconnect(undefined)).toBeUndefined();
  });
});
