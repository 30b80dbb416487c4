import { z } from '@hono/zod-openapi';
import {
  certificateProgramSchema,
  certificateSchema,
  issueCertificateRequestSchema,
  reissueCertificateRequestSchema,
  revokeCertificateRequestSchema,
  sessionRefSchema,
  updateCertificateProgramRequestSchema,
} from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { apiRoute, createRouter, jsonBody, jsonResponse, organizersOnly, problem } from '../http/openapi.ts';
import type { RoomLifecycleHooks } from '../room/routes.ts';
import { findSeries } from '../series/service.ts';
import { visibleSession } from '../sessions/service.ts';
import type { CertificateDeps } from './deps.ts';
import { certificatePdf, previewPdf } from './document.ts';
import { queueCertificateCheck } from './issue.ts';
import { pdfContent, pdfHeaders } from './pdf-response.ts';
import {
  removeSessionProgram,
  seriesProgram,
  sessionProgram,
  updateSeriesProgram,
  updateSessionProgram,
} from './programs.ts';
import { findCertificate, issueByHand, reissue, revoke, seriesCertificates, sessionCertificates } from './service.ts';

const tags = ['Certificates'];
const refParams = z.object({ ref: sessionRefSchema });
const seriesParams = z.object({ id: z.uuid('Use the series’ id.') });
const certificateParams = z.object({ id: z.uuid('Use the certificate’s id.') });
const noSession = { 404: problem('No such session') };

const getSessionProgram = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/certificates/program',
  tags,
  summary: 'The certificate program the session follows: its own, its series’ (inherited), or none yet (organizers)',
  request: { params: refParams },
  responses: { 200: jsonResponse(certificateProgramSchema, 'The program'), ...organizersOnly, ...noSession },
});

const putSessionProgram = apiRoute({
  method: 'put',
  path: '/sessions/{ref}/certificates/program',
  tags,
  summary: 'Give the session a certificate program of its own: rule and template (organizers)',
  request: { params: refParams, body: jsonBody(updateCertificateProgramRequestSchema) },
  responses: {
    200: jsonResponse(certificateProgramSchema, 'The program now'),
    ...organizersOnly,
    ...noSession,
    422: problem('Invalid rule or template (pictures must be PNG or JPEG data URLs)'),
  },
});

const deleteSessionProgram = apiRoute({
  method: 'delete',
  path: '/sessions/{ref}/certificates/program',
  tags,
  summary: 'Remove the session’s own program: it follows its series’ program again (organizers)',
  request: { params: refParams },
  responses: { 204: { description: 'Removed' }, ...organizersOnly, ...noSession },
});

const getSeriesProgram = apiRoute({
  method: 'get',
  path: '/series/{id}/certificates/program',
  tags,
  summary: 'The series’ certificate program: for each session, and the series certificate (organizers)',
  request: { params: seriesParams },
  responses: {
    200: jsonResponse(certificateProgramSchema, 'The program'),
    ...organizersOnly,
    404: problem('No such series'),
  },
});

const putSeriesProgram = apiRoute({
  method: 'put',
  path: '/series/{id}/certificates/program',
  tags,
  summary: 'Set the series’ certificate program (organizers)',
  request: { params: seriesParams, body: jsonBody(updateCertificateProgramRequestSchema) },
  responses: {
    200: jsonResponse(certificateProgramSchema, 'The program now'),
    ...organizersOnly,
    404: problem('No such series'),
    422: problem('Invalid rule or template'),
  },
});

const listSession = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/certificates',
  tags,
  summary: 'The session’s certificates, valid, revoked and replaced (organizers)',
  request: { params: refParams },
  responses: { 200: jsonResponse(z.array(certificateSchema), 'Certificates'), ...organizersOnly, ...noSession },
});

const listSeries = apiRoute({
  method: 'get',
  path: '/series/{id}/certificates',
  tags,
  summary: 'The series certificates (organizers)',
  request: { params: seriesParams },
  responses: {
    200: jsonResponse(z.array(certificateSchema), 'Certificates'),
    ...organizersOnly,
    404: problem('No such series'),
  },
});

const issue = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/certificates',
  tags,
  summary: 'Issue a certificate by hand, to any name and email; mailed unless `notify` is false (organizers)',
  request: { params: refParams, body: jsonBody(issueCertificateRequestSchema) },
  responses: {
    201: jsonResponse(certificateSchema, 'Issued'),
    ...organizersOnly,
    ...noSession,
    409: problem('The session has not been held, or the person already has a valid certificate for it'),
    422: problem('Invalid name or email'),
  },
});

const run = apiRoute({
  method: 'post',
  path: '/sessions/{ref}/certificates/run',
  tags,
  summary: 'Apply the certificate rule now (e.g. after turning certificates on once the session ended) (organizers)',
  request: { params: refParams },
  responses: {
    202: jsonResponse(z.object({ queued: z.literal(true) }), 'Queued: certificates follow, each mailed'),
    ...organizersOnly,
    ...noSession,
    409: problem('The session has not ended'),
  },
});

const preview = apiRoute({
  method: 'get',
  path: '/sessions/{ref}/certificates/preview.pdf',
  tags,
  summary: 'The certificate as the session’s program makes it, with your name as a sample (organizers)',
  request: { params: refParams },
  responses: { 200: { description: 'A sample PDF', content: pdfContent }, ...organizersOnly, ...noSession },
});

const reissueRoute = apiRoute({
  method: 'post',
  path: '/certificates/{id}/reissue',
  tags,
  summary: 'Re-issue with a corrected name: a new number; the old one verifies as replaced (organizers)',
  request: { params: certificateParams, body: jsonBody(reissueCertificateRequestSchema) },
  responses: {
    201: jsonResponse(certificateSchema, 'The new certificate'),
    ...organizersOnly,
    404: problem('No such certificate'),
    409: problem('The certificate was already revoked or replaced'),
  },
});

const revokeRoute = apiRoute({
  method: 'post',
  path: '/certificates/{id}/revoke',
  tags,
  summary: 'Revoke a certificate with a reason; its number verifies as revoked (organizers)',
  request: { params: certificateParams, body: jsonBody(revokeCertificateRequestSchema) },
  responses: {
    200: jsonResponse(certificateSchema, 'The revoked certificate'),
    ...organizersOnly,
    404: problem('No such certificate'),
    409: problem('The certificate was already revoked or replaced'),
  },
});

const organizerPdf = apiRoute({
  method: 'get',
  path: '/certificates/{id}/pdf',
  tags,
  summary: 'A certificate’s PDF (organizers)',
  request: { params: certificateParams },
  responses: {
    200: { description: 'The PDF', content: pdfContent },
    ...organizersOnly,
    404: problem('No such certificate'),
  },
});

/** Certificates for organizers: programs, the lists, issuing by hand, correcting and revoking, the PDFs. */
export function certificateRoutes(deps: CertificateDeps) {
  const organizerSession = async (ref: string, user: SessionUser | null) => {
    const { session } = await visibleSession(deps.db, ref, user);
    const { actor } = await authorizeCommunityById(deps.db, session.communityId, user, 'manage');
    return { session, by: signedIn(actor.user) };
  };
  const organizerSeries = async (id: string, user: SessionUser | null) => {
    const row = await findSeries(deps.db, id);
    await authorizeCommunityById(deps.db, row.communityId, user, 'manage');
    return row;
  };
  const organizerCertificate = async (id: string, user: SessionUser | null) => {
    const row = await findCertificate(deps.db, id);
    const { actor } = await authorizeCommunityById(deps.db, row.communityId, user, 'manage');
    return { row, by: signedIn(actor.user) };
  };
  return createRouter()
    .openapi(getSessionProgram, async (c) => {
      const { session } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await sessionProgram(deps.db, session), 200);
    })
    .openapi(putSessionProgram, async (c) => {
      const { session } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await updateSessionProgram(deps.db, session, c.req.valid('json'), deps.now()), 200);
    })
    .openapi(deleteSessionProgram, async (c) => {
      const { session } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      await removeSessionProgram(deps.db, session);
      return c.body(null, 204);
    })
    .openapi(getSeriesProgram, async (c) => {
      const row = await organizerSeries(c.req.valid('param').id, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await seriesProgram(deps.db, row), 200);
    })
    .openapi(putSeriesProgram, async (c) => {
      const row = await organizerSeries(c.req.valid('param').id, c.get('user'));
      return c.json(await updateSeriesProgram(deps.db, row, c.req.valid('json'), deps.now()), 200);
    })
    .openapi(listSession, async (c) => {
      const { session } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await sessionCertificates(deps.db, session), 200);
    })
    .openapi(listSeries, async (c) => {
      const row = await organizerSeries(c.req.valid('param').id, c.get('user'));
      c.header('Cache-Control', 'no-store');
      return c.json(await seriesCertificates(deps.db, row), 200);
    })
    .openapi(issue, async (c) => {
      const { session, by } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      return c.json(await issueByHand(deps, session, c.req.valid('json'), by), 201);
    })
    .openapi(run, async (c) => {
      const { session } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      if (session.status !== 'ended')
        throw new AppError(409, 'certificate_session_not_ended', 'certificates.problems.notEnded');
      await queueCertificateCheck(deps.db, { sessionId: session.id }, deps.now());
      return c.json({ queued: true as const }, 202);
    })
    .openapi(preview, async (c) => {
      const { session, by } = await organizerSession(c.req.valid('param').ref, c.get('user'));
      const pdf = await previewPdf(deps, session, by.name);
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`preview-${session.slug}.pdf`));
    })
    .openapi(reissueRoute, async (c) => {
      const { row, by } = await organizerCertificate(c.req.valid('param').id, c.get('user'));
      return c.json(await reissue(deps, row, c.req.valid('json'), by), 201);
    })
    .openapi(revokeRoute, async (c) => {
      const { row, by } = await organizerCertificate(c.req.valid('param').id, c.get('user'));
      return c.json(await revoke(deps, row, c.req.valid('json').reason, by), 200);
    })
    .openapi(organizerPdf, async (c) => {
      const { row } = await organizerCertificate(c.req.valid('param').id, c.get('user'));
      const { pdf } = await certificatePdf(deps, row);
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`${row.number}.pdf`));
    });
}

/** After a `manage` check the user is signed in; the type says so here. */
function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError(401, 'unauthorized', 'problems.unauthorized');
  return user;
}

/**
 * When the session ends, its certificates are checked: queued in the transaction that ends
 * it, to run once LiveKit's last webhooks of the room are in.
 */
export function certificateLifecycleHooks(deps: { issueDelaySeconds: number; now: () => Date }): RoomLifecycleHooks {
  return {
    async whileEnding(tx, session) {
      const runAt = new Date(deps.now().getTime() + deps.issueDelaySeconds * 1000);
      await queueCertificateCheck(tx, { sessionId: session.id }, runAt);
      return [];
    },
  };
}
