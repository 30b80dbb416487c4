import type { communitiesMessages as reference } from './communities.id.ts';
import type { Translation } from './translation.ts';

/**
 * English messages of communities: their pages, the organizer dashboard and the organizer team; the
 * same keys as communities.id.ts.
 */
export const communitiesMessages: Translation<typeof reference> = {
  communities: {
    pageTitle: 'Community',
    notFound: 'Community not found',
    noUpcoming: 'No upcoming sessions yet. Follow this community in its WhatsApp group, or check back later.',
    noneYet: 'You don’t run a community yet. Create one to start scheduling sessions.',
    newTitle: 'Create your community',
    newLead: 'One page for all your community’s sessions. You can change all of this later.',
    stepCommunity: 'Step 2 of 2: your community',
    signInToCreate: 'To create a community, sign in or create an account first. It’s free.',
    name: 'Community name',
    nameHint: 'For example: Komunitas Bisnis Bali.',
    slug: 'Page address',
    slugHint: 'Your community’s address on {origin}: lowercase letters, digits and dashes.',
    description: 'About the community',
    logoUrl: 'Logo image address',
    logoUrlHint: 'The https address of your logo image, e.g. from your website or Instagram.',
    timeZone: 'Main time zone',
    timeZoneHint: 'New sessions use this zone. People elsewhere also see the time in their own zone.',
    manageThis: 'Manage community',
    create: 'Create community',
    creating: 'Creating community…',
  },
  dashboard: {
    title: 'Manage {community}',
    notOrganizer: 'You are not an organizer of this community. Ask its owner for an invitation.',
    publicPage: 'View public page',
    newSession: 'Schedule a session',
    newSeries: 'Create a series',
    noUpcoming: 'No sessions scheduled yet. Start with one session, or create a weekly series in one go.',
    registrants: 'Registrants',
    settings: 'Community settings',
  },
  team: {
    revoke: 'Revoke',
    revokeLabel: 'Revoke the invitation for {email}',
    revokeTitle: 'Revoke this invitation?',
    revokeBody: 'The link sent to {email} will stop working.',
    revokeConfirm: 'Revoke invitation',
    remove: 'Remove',
    removeLabel: 'Remove {name} from the team',
    removeTitle: 'Remove from the team?',
    removeBody: '{name} will no longer be able to manage this community.',
    removeConfirm: 'Remove from team',
    heading: 'Organizing team',
    invited: 'Invited, not accepted yet',
    inviteHeading: 'Invite an organizer',
    email: 'Email',
    role: 'Role',
    roleHint: 'Organizers run sessions; owners can also invite other owners.',
    invite: 'Send invitation',
    invitationSent: 'Invitation sent to {email}.',
    roles: {
      owner: 'Owner',
      organizer: 'Organizer',
    },
  },
};
