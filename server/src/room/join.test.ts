import { describe, expect, it } from 'vitest';
import { permissionOf } from '../livekit/gateway.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { roomOfName } from './events.ts';
import { attributesOf, destination } from './join.ts';
import type { RoomParticipantRow } from './schema.ts';

const startsAt = new Date('2026-12-06T12:00:00Z');
const doorsOpen = new Date('2026-12-06T11:45:00Z');
const before = new Date('2026-12-06T11:00:00Z');
const after = new Date('2026-12-06T11:50:00Z');

const aSession = (status: SessionRow['status']) => ({ status, startsAt }) as SessionRow;
const aPerson = (overrides: Partial<RoomParticipantRow> = {}) =>
  ({ role: 'participant', stage: 'none', admission: 'admitted', title: '', ...overrides }) as RoomParticipantRow;

describe('where someone goes when they enter', () => {
  it('keeps the audience on the waiting screen until the doors open', () => {
    expect(destination(aSession('scheduled'), aPerson(), doorsOpen, before)).toBeNull();
    expect(destination(aSession('scheduled'), aPerson(), doorsOpen, after)).toEqual({
      kind: 'stage',
      access: 'audience',
    });
  });

  it('lets the audience in once live, whatever the doors say', () => {
    expect(destination(aSession('live'), aPerson(), doorsOpen, before)).toEqual({ kind: 'stage', access: 'audience' });
  });

  it('sends the team backstage before going live and to the stage after, as publishers', () => {
    const speaker = aPerson({ role: 'speaker' });
    expect(destination(aSession('scheduled'), speaker, doorsOpen, before)).toEqual({
      kind: 'backstage',
      access: 'publisher',
    });
    expect(destination(aSession('draft'), speaker, doorsOpen, before)).toEqual({
      kind: 'backstage',
      access: 'publisher',
    });
    expect(destination(aSession('live'), speaker, doorsOpen, before)).toEqual({ kind: 'stage', access: 'publisher' });
  });

  it('gives a guest who reloads their place on the stage back', () => {
    expect(destination(aSession('live'), aPerson({ stage: 'on_stage' }), doorsOpen, after)).toEqual({
      kind: 'stage',
      access: 'publisher',
    });
    expect(destination(aSession('live'), aPerson({ stage: 'invited' }), doorsOpen, after)?.access).toBe('audience');
  });

  it('has nowhere to send anyone after the end, and nobody waiting in the lobby', () => {
    expect(destination(aSession('ended'), aPerson({ role: 'moderator' }), doorsOpen, after)).toBeNull();
    expect(destination(aSession('cancelled'), aPerson(), doorsOpen, after)).toBeNull();
    expect(destination(aSession('live'), aPerson({ admission: 'pending' }), doorsOpen, after)).toBeNull();
    expect(destination(aSession('live'), aPerson({ admission: 'denied' }), doorsOpen, after)).toBeNull();
  });
});

describe('what LiveKit is told', () => {
  it('gives the audience subscribe-only, hidden, with no data channel', () => {
    expect(permissionOf('audience')).toMatchObject({
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      canPublishSources: [],
      hidden: true,
      canUpdateMetadata: false,
    });
  });

  it('gives publishers camera, microphone and screen, visible, and still no data channel', () => {
    const permission = permissionOf('publisher');
    expect(permission).toMatchObject({ canPublish: true, canPublishData: false, hidden: false });
    expect(permission.canPublishSources).toHaveLength(4);
  });

  it('shows a guest as a guest and the team by their role and title', () => {
    expect(attributesOf({ role: 'participant', stage: 'on_stage', title: '' })).toEqual({ role: 'guest', title: '' });
    expect(attributesOf({ role: 'speaker', stage: 'none', title: 'Pendiri' })).toEqual({
      role: 'speaker',
      title: 'Pendiri',
    });
  });

  it('tells a backstage room from its stage room by name', () => {
    expect(roomOfName('abc-backstage')).toEqual({ sessionId: 'abc', kind: 'backstage' });
    expect(roomOfName('abc')).toEqual({ sessionId: 'abc', kind: 'stage' });
  });
});
