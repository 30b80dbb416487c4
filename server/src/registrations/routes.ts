import { z } from '@hono/zod-openapi';
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
import { clientAddress } from '../http/client-address.ts';
import { requireUser } from '../http/current-user.ts';
import { fromAccount, fromClient } from '../http/mail-limits.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import { findSessionByRef, visibleSession } from '../sessions/service.ts';
import { registrantsCsv } from './csv.ts';
import type { JoinLinks } from './link-secrets.ts';
import type { RegistrationNotifications } from './notify.ts';
import { secretParams } from './route-parts.ts';
import { cancelRegistration, listRegistrants, myRegistration, register, registrationSummary } from './service.ts';

const refParams = z.object({ ref: sessionRefSchema });

const postRegistration = apiRoute({
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
    429: problem(
      'Too many registrations from this client, or the confirmation just went to this email: the message says how long to wait',
    ),
  },
});

const getMine = apiRoute({
  method: 'get',
  path: '/registrations/{secret}',
  tags: ['Registrations'],
  summary: 'The registration behind a personal link',
  request: { params: secretParams },
  responses: { 200: jsonResponse(myRegistrationSchema, 'The registration'), 404: problem('The link is not valid') },
});

const cancelMine = apiRoute({
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

const listForOrganizers = apiRoute({
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

const exportCsv = apiRoute({
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

const inviteRegistrant = apiRoute({
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
    429: problem(
      'This address just got its confirmation, or the organizer invited many people: the message says how long to wait',
    ),
  },
});

export function registrationRoutes(ctx: AppContext, links: JoinLinks, notify: RegistrationNotifications) {
  const organizerSession = async (ref: string, user: Parameters<typeof visibleSession>[2]) => {
    const { session } = await visibleSession(ctx.db, ref, user);
    await authorizeCommunityById(ctx.db, session.communityId, user, 'manage');
    return session;
  };
  return createRouter()
    .openapi(postRegistration, async (c) => {
      const { session } = await visibleSession(ctx.db, c.req.valid('param').ref, c.get('user'));
      const person = c.req.valid('json');
      // No account needed, and a mail each time (again to an address already registered).
      const limited = {
        sender: fromClient('registering', clientAddress(c)),
        mails: [{ kind: 'registration', to: person.email, about: session.id }] as const,
      };
      const registered = await ctx.mailLimits.guard(limited, async () => {
        const done = await register(ctx.db, links, session, person, c.get('locale'), ctx.now());
        await notify.registered(session, done);
        return done;
      });
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
      const limited = {
        sender: fromAccount('invitingRegistrants', requireUser(c.get('user')).id),
        mails: [{ kind: 'registration', to: invitee.email, about: session.id }] as const,
      };
      const registered = await ctx.mailLimits.guard(limited, async () => {
        const done = await register(ctx.db, ctx.links, session, invitee, c.get('locale'), ctx.now(), {
          byOrganizer: true,
        });
        await notify.registered(session, done);
        return done;
      });
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
