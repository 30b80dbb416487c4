import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  inviteRegistrantRequestSchema,
  myRegistrationSchema,
  registerRequestSchema,
  registrantSchema,
  registrationResultSchema,
  sessionRefSchema,
} from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import { clientAddress } from '../http/client-address.ts';
import { createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { createSharedRateLimiter } from '../http/rate-limit.ts';
import { findSessionByRef, visibleSession } from '../sessions/service.ts';
import { registrantsCsv } from './csv.ts';
import type { JoinLinks } from './link-secrets.ts';
import type { RegistrationNotifications } from './notify.ts';
import { secretParams } from './route-parts.ts';
import { cancelRegistration, listRegistrants, myRegistration, register, registrationSummary } from './service.ts';

const refParams = z.object({ ref: sessionRefSchema });

const postRegistration = createRoute({
  method: 'post',
  path: '/sessions/{ref}/registrations',
  tags: ['Registrations'],
  summary: 'Register for a session (no account needed); a confirmation with the personal join link is mailed',
  request: {
    params: refParams,
    body: { required: true, content: { 'application/json': { schema: registerRequestSchema } } },
  },
  responses: {
    201: jsonResponse(registrationResultSchema, 'Registered or waitlisted'),
    200: jsonResponse(registrationResultSchema, 'Already registered: the confirmation was mailed again'),
    404: problem('No such session'),
    409: problem('Registration is not open'),
    422: problem('Invalid fields or answers'),
    429: problem('Too many registrations from this address or for this email: the message says how long to wait'),
  },
});

const getMine = createRoute({
  method: 'get',
  path: '/registrations/{secret}',
  tags: ['Registrations'],
  summary: 'The registration behind a personal link',
  request: { params: secretParams },
  responses: { 200: jsonResponse(myRegistrationSchema, 'The registration'), 404: problem('The link is not valid') },
});

const cancelMine = createRoute({
  method: 'post',
  path: '/registrations/{secret}/cancel',
  tags: ['Registrations'],
  summary: 'Cancel by personal link; the seat goes to the first person waiting',
  request: { params: secretParams },
  responses: {
    200: jsonResponse(myRegistrationSchema, 'The cancelled registration'),
    404: problem('The link is not valid'),
  },
});

const listForOrganizers = createRoute({
  method: 'get',
  path: '/sessions/{ref}/registrants',
  tags: ['Registrations'],
  summary: 'Registrants in arrival order, searchable by name or email (organizers)',
  request: { params: refParams, query: z.object({ q: z.string().max(200).optional() }) },
  responses: {
    200: jsonResponse(z.array(registrantSchema), 'Registrants'),
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const exportCsv = createRoute({
  method: 'get',
  path: '/sessions/{ref}/registrants.csv',
  tags: ['Registrations'],
  summary: 'Registrants as CSV (organizers)',
  request: { params: refParams },
  responses: {
    200: { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } },
    ...organizersOnly,
    404: problem('No such session'),
  },
});

const inviteRegistrant = createRoute({
  method: 'post',
  path: '/sessions/{ref}/invitations',
  tags: ['Registrations'],
  summary:
    'Register someone by name and email (organizers): how people get into a private session. They get the usual confirmation with their personal join link; required questions are not asked.',
  request: { params: refParams, body: jsonBody(inviteRegistrantRequestSchema) },
  responses: {
    201: jsonResponse(registrationResultSchema, 'Registered or waitlisted'),
    200: jsonResponse(registrationResultSchema, 'Already registered: the confirmation was mailed again'),
    ...organizersOnly,
    404: problem('No such session'),
    409: problem('Registration is not open'),
    422: problem('Invalid fields'),
  },
});

/**
 * Registering needs no account and sends a mail (again, to an address already registered), so
 * it is limited per client address (a whole class behind one school NAT still fits) and per
 * email (nobody gets mail-bombed with confirmations). Counted in the database: every instance
 * shares the limit.
 */
function registrationLimits(db: Database, now: () => Date) {
  const perAddress = createSharedRateLimiter(db, { max: 30, windowSeconds: 10 * 60, now });
  const perEmail = createSharedRateLimiter(db, { max: 3, windowSeconds: 10 * 60, now });
  return async (address: string, email: string) => {
    await perAddress.take(`registration:address:${address}`);
    // The key holds a digest, not the address itself: the table is no second list of emails.
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    await perEmail.take(`registration:email:${digest}`);
  };
}

export function registrationRoutes(ctx: AppContext, links: JoinLinks, notify: RegistrationNotifications) {
  const limitRegistrations = ctx.config.rateLimits ? registrationLimits(ctx.db, ctx.now) : undefined;
  const organizerSession = async (ref: string, user: Parameters<typeof visibleSession>[2]) => {
    const { session } = await visibleSession(ctx.db, ref, user);
    await authorizeCommunityById(ctx.db, session.communityId, user, 'manage');
    return session;
  };
  return createRouter()
    .openapi(postRegistration, async (c) => {
      await limitRegistrations?.(clientAddress(c), c.req.valid('json').email);
      const { session } = await visibleSession(ctx.db, c.req.valid('param').ref, c.get('user'));
      const registered = await register(ctx.db, links, session, c.req.valid('json'), c.get('locale'), ctx.now());
      await notify.registered(session, registered);
      return registered.result.alreadyRegistered ? c.json(registered.result, 200) : c.json(registered.result, 201);
    })
    .openapi(getMine, async (c) => c.json(await myRegistration(ctx.db, c.req.valid('param').secret), 200))
    .openapi(cancelMine, async (c) => {
      const cancelled = await cancelRegistration(ctx.db, c.req.valid('param').secret, ctx.now());
      await notify.cancelled(await findSessionByRef(ctx.db, cancelled.registration.sessionId), cancelled);
      return c.json(await registrationSummary(ctx.db, cancelled.registration), 200);
    })
    .openapi(inviteRegistrant, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const invitee = { ...c.req.valid('json'), answers: {} };
      const registered = await register(ctx.db, ctx.links, session, invitee, c.get('locale'), ctx.now(), {
        byOrganizer: true,
      });
      await notify.registered(session, registered);
      return registered.result.alreadyRegistered ? c.json(registered.result, 200) : c.json(registered.result, 201);
    })
    .openapi(listForOrganizers, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await listRegistrants(ctx.db, session, c.req.valid('query').q), 200);
    })
    .openapi(exportCsv, async (c) => {
      const session = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const csv = registrantsCsv(await listRegistrants(ctx.db, session), session.questions);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="registrants-${session.slug}.csv"`,
        'Cache-Control': 'no-store',
      });
    });
}
