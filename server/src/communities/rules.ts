import type { CommunityRole } from '@serambi/shared';
import type { SessionUser } from '../http/env.ts';

/** Who acts on a community: the signed-in user (or nobody) and their role in it (or none). */
export interface CommunityActor {
  user: SessionUser | null;
  role: CommunityRole | null;
}

type Rule = (actor: CommunityActor) => boolean;

const isSignedIn: Rule = (a) => a.user !== null;
const isOrganizer: Rule = (a) => a.role === 'owner' || a.role === 'organizer';
const isOwner: Rule = (a) => a.role === 'owner';

/**
 * Every action on a community and who may do it (docs/conventions.md#rules-as-named-predicates).
 * Series, sessions and registrations of a community use `manage`.
 */
export const communityRules = {
  view: () => true,
  create: isSignedIn,
  update: isOrganizer,
  listMembers: isOrganizer,
  inviteOrganizer: isOrganizer,
  inviteOwner: isOwner,
  revokeInvitation: isOrganizer,
  removeMember: isOwner,
  manage: isOrganizer,
} satisfies Record<string, Rule>;

export type CommunityAction = keyof typeof communityRules;

export function can(actor: CommunityActor, action: CommunityAction): boolean {
  return communityRules[action](actor);
}
