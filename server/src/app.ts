import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { CLIENT_ADDRESS_HEADER } from './accounts/auth.ts';
import { accountMailLimits } from './accounts/auth-limits.ts';
import { attendanceRoutes } from './attendance/routes.ts';
import { breakoutLifecycleHooks } from './breakouts/lifecycle.ts';
import { breakoutRoutes } from './breakouts/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { certificateDepsOf } from './certificates/deps.ts';
import { certificateHolderRoutes } from './certificates/holder-routes.ts';
import { checkCertificatesAfterFeedback } from './certificates/issue.ts';
import { certificateLifecycleHooks, certificateRoutes } from './certificates/routes.ts';
import { chatRoutes } from './chat/routes.ts';
import { chatMessageCount } from './chat/service.ts';
import { createCommunityNotifications } from './communities/mails.ts';
import type { TeamMemberRemoved } from './communities/notify.ts';
import { communityRoutes } from './communities/routes.ts';
import { communityTeamRoutes } from './communities/team-routes.ts';
import { attendanceSources, chapterMarks, fillGainedSeats, sessionNotifications } from './compose.ts';
import type { AppContext } from './context.ts';
import { feedbackRoutes } from './feedback/routes.ts';
import { measureHttp } from './health/instrument.ts';
import { metricsRoutes } from './health/metrics-routes.ts';
import { healthRoutes } from './health/routes.ts';
import { apiDocsRoutes } from './http/api-docs.ts';
import { limitBodySize } from './http/body-limit.ts';
import { clientAddress, clientAddresses, trustedProxies } from './http/client-address.ts';
import { appOrigins, sameOriginMutations } from './http/csrf.ts';
import { currentUser } from './http/current-user.ts';
import type { AppEnv } from './http/env.ts';
import { createRouter } from './http/openapi.ts';
import { handleApiNotFound, handleError } from './http/problem.ts';
import { requestContext } from './http/request-context.ts';
import { closeWhenBodyUnread } from './http/unread-body.ts';
import { liveKitWebhookRoutes } from './livekit/webhook-routes.ts';
import { materialDepsOf } from './materials/deps.ts';
import { MATERIAL_UPLOAD_PATH, materialRoutes } from './materials/routes.ts';
import { devOutboxRoutes } from './notifications/routes.ts';
import { pollRoutes } from './polls/routes.ts';
import { pollResults } from './polls/views.ts';
import { interactionReportRoutes } from './qa/report-routes.ts';
import { qaLifecycleHooks } from './qa/room-part.ts';
import { qaRoutes } from './qa/routes.ts';
import { questionFromChat } from './qa/service.ts';
import { reactionRoutes } from './reactions/routes.ts';
import { recordingDepsOf } from './recordings/deps.ts';
import { liveStreamRoutes } from './recordings/live-stream/routes.ts';
import { recordingLifecycleHooks, recordingRoutes } from './recordings/routes.ts';
import { createRegistrationNotifications } from './registrations/mails.ts';
import { registrationRoutes } from './registrations/routes.ts';
import { roomDepsOf } from './room/deps.ts';
import { roomRoutes } from './room/routes.ts';
import { disconnectFormerTeamMember } from './room/standing.ts';
import { seriesRoutes } from './series/routes.ts';
import { mailDepsOf } from './sessions/mail-context.ts';
import { sessionPeopleRoutes } from './sessions/people-routes.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { previewRoutes } from './web/preview-routes.ts';
import { webAppRoutes } from './web/static.ts';
import { createLinkPreviews } from './web/unfurl.ts';
import { whipProxyRoutes } from './whip/proxy.ts';
import { whipLifecycleHooks } from './whip/room-part.ts';
import { whipRoutes } from './whip/routes.ts';
import { whipDepsOf } from './whip/service.ts';

/** The typed API: its type is what the web client's `hc<ApiRoutes>` is built from. */
export function buildApi(ctx: AppContext) {
  const mailDeps = mailDepsOf(ctx);
  const sessionMails = sessionNotifications(mailDeps);
  const registrationMails = createRegistrationNotifications({ ...mailDeps, links: ctx.links });
  const teamMemberRemoved: TeamMemberRemoved = (userId, where) =>
    disconnectFormerTeamMember(roomDepsOf(ctx), userId, where);
  return createRouter()
    .route('/', healthRoutes(ctx))
    .route('/', communityRoutes(ctx, createCommunityNotifications(mailDeps)))
    .route('/', communityTeamRoutes(ctx, teamMemberRemoved))
    .route('/', sessionRoutes(ctx, sessionMails, fillGainedSeats(ctx, registrationMails)))
    .route('/', sessionPeopleRoutes(ctx, teamMemberRemoved))
    .route('/', seriesRoutes(ctx, sessionMails))
    .route('/', registrationRoutes(ctx, ctx.links, registrationMails))
    .route('/', calendarRoutes(ctx))
    .route('/', previewRoutes(ctx))
    .route(
      '/',
      roomRoutes(roomDepsOf(ctx), [
        qaLifecycleHooks,
        breakoutLifecycleHooks,
        recordingLifecycleHooks(recordingDepsOf(ctx)),
        certificateLifecycleHooks({ now: ctx.now, issueDelaySeconds: ctx.config.certificates.issueDelaySeconds }),
        whipLifecycleHooks(ctx),
      ]),
    )
    .route('/', whipRoutes({ room: roomDepsOf(ctx), whip: whipDepsOf(ctx) }))
    .route('/', qaRoutes(roomDepsOf(ctx)))
    .route('/', breakoutRoutes(roomDepsOf(ctx)))
    .route('/', chatRoutes(roomDepsOf(ctx), questionFromChat))
    .route('/', pollRoutes(roomDepsOf(ctx)))
    .route('/', reactionRoutes(roomDepsOf(ctx)))
    .route('/', interactionReportRoutes(ctx, { pollResults, chatMessageCount }))
    .route('/', attendanceRoutes({ db: ctx.db, now: ctx.now, sources: attendanceSources }))
    .route('/', recordingRoutes(recordingDepsOf(ctx), chapterMarks))
    .route('/', materialRoutes(materialDepsOf(ctx)))
    .route('/', liveStreamRoutes(recordingDepsOf(ctx)))
    .route('/', certificateHolderRoutes(certificateDepsOf(ctx)))
    .route('/', certificateRoutes(certificateDepsOf(ctx)))
    .route(
      '/',
      feedbackRoutes({
        db: ctx.db,
        now: ctx.now,
        whileAnsweringAfterEnd: checkCertificatesAfterFeedback,
        room: roomDepsOf(ctx),
      }),
    );
}

export type ApiRoutes = ReturnType<typeof buildApi>;

/**
 * Security headers on every response (API JSON and the web app alike). The CSP allows no inline
 * script (the built index.html has none) and no plugins; inline styles stay allowed because the
 * components set `style` attributes. Referrer-Policy is no-referrer because join links carry
 * their secret in the path (/j/:secret): an organizer's https logo must not receive it. Only the
 * room uses camera, microphone, screen sharing and fullscreen; every other powerful feature is
 * off. HSTS only when PUBLIC_URL is https (on http it would be ignored at best, and it would
 * pin localhost to https in development).
 */
function securityHeaders(ctx: AppContext) {
  const https = ctx.config.publicUrl.startsWith('https://');
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // LiveKit's signalling: this origin in production (Serambi proxies it), else LiveKit's own.
      connectSrc: [
        "'self'",
        ctx.livekit.clientUrl.replace(/^http/, 'ws'),
        ctx.livekit.clientUrl.replace(/^ws/, 'http'),
      ],
      // Community logos and speaker photos are https addresses organizers give.
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      mediaSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    permissionsPolicy: {
      camera: ['self'],
      microphone: ['self'],
      displayCapture: ['self'],
      fullscreen: ['self'],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      hid: [],
      bluetooth: [],
      midi: [],
    },
  });
}

/** The request better-auth sees: the client address we derived, whatever the client wrote there. */
function withClientAddress(request: Request, address: string): Request {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_ADDRESS_HEADER, address);
  return new Request(request, { headers });
}

/** The whole HTTP application: API under /api, the web app everywhere else. */
export function buildApp(ctx: AppContext, options: { webDistDir?: string } = {}) {
  const api = buildApi(ctx);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Serambi API',
      version: '0.1.0',
      description: 'Every error is application/problem+json (RFC 9457) with a message in the caller’s language.',
    },
    servers: [{ url: `${ctx.config.publicUrl}/api` }],
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'roomTicket', {
    type: 'http',
    scheme: 'bearer',
    description: 'The room ticket from POST /sessions/{ref}/room/join',
  });
  api.route('/', apiDocsRoutes());
  api.route('/', liveKitWebhookRoutes(ctx));
  api.onError(handleError);

  const app = new Hono<AppEnv>();
  app.use(requestId({ limitLength: 64 }));
  app.use(requestContext(ctx.log));
  app.use(clientAddresses(trustedProxies(ctx.config.trustedProxies)));
  app.use(measureHttp(ctx.metrics));
  app.use(securityHeaders(ctx));
  app.use('/api/*', limitBodySize({ streamedUploads: [MATERIAL_UPLOAD_PATH] }));
  app.use('/api/*', closeWhenBodyUnread);
  app.use('/api/*', sameOriginMutations(appOrigins(ctx.config)));
  // better-auth answers its own routes (sign-up, sign-in, verification, reset) before our API.
  const limitAccountMails = accountMailLimits(ctx.mailLimits);
  app.on(['GET', 'POST'], '/api/auth/*', (c) =>
    limitAccountMails(c, (request) => ctx.auth.handler(withClientAddress(request, clientAddress(c)))),
  );
  app.use(
    '/api/*',
    currentUser((headers) => ctx.auth.api.getSession({ headers })),
  );
  app.route('/api', api);
  // A sub-app's notFound does not apply once mounted: unknown API paths must not reach the web app.
  app.all('/api/*', handleApiNotFound);
  if (ctx.signalling) app.route('/', ctx.signalling.routes);
  // OBS's WHIP requests, to LiveKit through this origin (docs/livekit.md#obs-through-whip).
  app.route('/', whipProxyRoutes(whipDepsOf(ctx)));
  app.route('/', metricsRoutes(ctx));
  app.route('/', devOutboxRoutes(ctx));
  app.route(
    '/',
    webAppRoutes(options.webDistDir, createLinkPreviews({ db: ctx.db, publicUrl: ctx.config.publicUrl, now: ctx.now })),
  );
  app.onError(handleError);
  return app;
}
