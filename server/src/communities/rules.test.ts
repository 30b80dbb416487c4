import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../http/env.ts';
import { type CommunityAction, type CommunityActor, can, communityRules } from './rules.ts';

const user = (name: string): SessionUser => ({ id: name, email: `${name}@example.id`, name, emailVerified: true });

/** Nobody signed in; Budi signed in with no role; Sari organizes the community; Ayu owns it. */
const people: Record<string, CommunityActor> = {
  visitor: { user: null, role: null },
  signedIn: { user: user('budi'), role: null },
  organizer: { user: user('sari'), role: 'organizer' },
  owner: { user: user('ayu'), role: 'owner' },
};

describe('who may do what with a community', () => {
  const table: [CommunityAction, boolean, boolean, boolean, boolean][] = [
    // action             visitor signed in organizer owner
    ['view', true, true, true, true],
    ['create', false, true, true, true],
    ['update', false, false, true, true],
    ['listMembers', false, false, true, true],
    ['inviteOrganizer', false, false, true, true],
    ['inviteOwner', false, false, false, true],
    ['revokeInvitation', false, false, true, true],
    ['removeMember', false, false, false, true],
    ['manage', false, false, true, true],
  ];

  it('has a row for every action', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(communityRules).sort());
  });

  it.each(table)('%s: a visitor %s, someone signed in %s, an organizer %s, an owner %s', (action, ...expected) => {
    expect(Object.values(people).map((actor) => can(actor, action))).toEqual(expected);
  });
});
