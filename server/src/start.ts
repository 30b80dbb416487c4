import { type ServerType, serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createAuth } from './accounts/auth.ts';
import { accountMailSender } from './accounts/mails.ts';
import { buildApp } from './app.ts';
import { watchAttendance } from './attendance/intervals.ts';
import { backupControlRoutes } from './backup/control-routes.ts';
import { breakoutCloseRoomsHandler, breakoutEndHandler, breakoutWarnHandler } from './breakouts/timer.ts';
import { certificateDepsOf } from './certificates/deps.ts';
import { issueCertificatesHandler } from './certificates/issue.ts';
import { certificateMailHandler } from './certificates/mail.ts';
import { attendanceReportOf, liveRoomParts, sessionParts } from './compose.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { storedSecret } from './db/app-secrets.ts';
import { openDatabase } from './db/client.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { answerDoctorRooms } from './doctor/test-room.ts';
import { countLiveKitWebhooks, measuredJobHandlers } from './health/instrument.ts';
import { createMetrics } from './health/metrics.ts';
import { trustedProxies } from './http/client-address.ts';
import { appOrigins } from './http/csrf.ts';
import { createMailLimits } from './http/mail-limits.ts';
import { retentionSweepHandler, scheduleRetentionSweep } from './jobs/retention.ts';
import { createJobRunner } from './jobs/runner.ts';
import { resolveLiveKitBinary } from './livekit/binary.ts';
import { createLiveKitGateway, type LiveKitCredentials } from './livekit/gateway.ts';
import { createLiveKitNodes, type LiveKitNodes } from './livekit/nodes.ts';
import { createSignallingProxy, type SignallingProxy } from './livekit/signalling-proxy.ts';
import { type SupervisedLiveKit, superviseLocalLiveKit } from './livekit/supervisor.ts';
import { LiveKitEvents } from './livekit/webhook-routes.ts';
import { createMaterialLinks } from './materials/links.ts';
import { sendMailJobHandler } from './notifications/mail-job.ts';
import { createMailer } from './notifications/mailer.ts';
import { recordingDepsOf } from './recordings/deps.ts';
import { watchEgress } from './recordings/egress-events.ts';
import { recordingFinishHandler } from './recordings/finish-job.ts';
import { createMediaLinks } from './recordings/links.ts';
import { createJoinLinks } from './registrations/link-secrets.ts';
import { sessionReminderHandler } from './registrations/reminders.ts';
import { roomDepsOf } from './room/deps.ts';
import { watchPresence } from './room/presence.ts';
import { createRoomTickets } from './room/tickets.ts';
import { mailDepsOf } from './sessions/mail-context.ts';
import { createFolderStore } from './storage/file-store.ts';
import { createLinkSigner } from './storage/signed-links.ts';
import { watchWhipConnections } from './whip/connections.ts';
import { whipDepsOf } from './whip/service.ts';

export interface RunningServer {
  url: string;
  context: AppContext;
  liveKit: LiveKitCredentials;
  /** The local LiveKit server's process id now (it changes when a crashed one is restarted), when Serambi runs one. */
  readonly liveKitPid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts Serambi: opens and migrates the database, starts (or connects to) LiveKit, and
 * listens. Parts started here are stopped in reverse order by `stop()`, also when a later
 * step fails.
 */
export async function startServer(
  config: Config,
  log: Logger,
  /** The clock every part reads (tests move it forward to reach a timer's jobs); the machine's by default. */
  clock: { now: () => Date } = { now: () => new Date() },
): Promise<RunningServer> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => log.error({ err: error }, 'stop failed'));
    cleanups.length = 0;
  };
  try {
    const started = performance.now();
    // PGlite is this process's alone while it runs; the lock's socket also answers `pnpm backup`.
    const dataDirLock = config.database.kind === 'pglite' ? await lockDataDir(config.dataDir, 'server') : undefined;
    if (dataDirLock) cleanups.push(() => dataDirLock.release());
    const database = await openDatabase(config.database);
    cleanups.push(() => database.close());
    log.info({ engine: database.engine }, 'database ready');

    let credentials: LiveKitCredentials;
    let localLiveKit: SupervisedLiveKit | undefined;
    let signalling: SignallingProxy | undefined;
    let nodes: LiveKitNodes | undefined;
    if (config.livekit.mode === 'external') {
      const { urls, apiKey, apiSecret } = config.livekit;
      credentials = { url: config.livekit.url, apiKey, apiSecret };
      const cluster = createLiveKitNodes(urls, { log: log.child({ part: 'livekit' }) });
      nodes = cluster;
      cluster.start();
      cleanups.push(async () => cluster.stop());
      if (config.livekit.signalling === 'proxy') {
        // Browsers reach the nodes' signalling through our own origin, spread over the nodes that answer.
        signalling = createSignallingProxy({
          targets: () => cluster.inOrder(),
          onUnreachable: (target) => {
            const node = cluster.all.find((n) => n.host === target.host && n.port === target.port);
            if (node) cluster.markDown(node);
          },
          proxies: trustedProxies(config.trustedProxies),
          log: log.child({ part: 'signalling' }),
        });
      }
      log.info({ nodes: urls.length, signalling: config.livekit.signalling }, 'using LiveKit deployment');
    } else {
      const { media } = config.livekit;
      const binary = await resolveLiveKitBinary({
        explicit: config.livekit.binary,
        onProgress: (line) => log.info(line),
      });
      const webhookHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      const local = await superviseLocalLiveKit(
        {
          binary,
          dataDir: config.dataDir,
          webhookUrl: `http://${webhookHost.includes(':') ? `[${webhookHost}]` : webhookHost}:${config.port}/api/livekit/webhook`,
          media,
        },
        log.child({ part: 'livekit' }),
      );
      localLiveKit = local;
      cleanups.push(() => local.stop());
      credentials = local.current;
      if (media.reach === 'public') {
        // Browsers reach LiveKit's signalling through our own origin; its HTTP port stays on loopback.
        signalling = createSignallingProxy({
          targets: () => [{ host: '127.0.0.1', port: local.current.ports.http }],
          proxies: trustedProxies(config.trustedProxies),
          log: log.child({ part: 'signalling' }),
        });
      }
      log.info(
        {
          url: local.current.url,
          pid: local.current.pid,
          log: local.current.logFile,
          ...(media.reach === 'public'
            ? { nodeIp: media.nodeIp, udpPort: media.udpPort, tcpPort: media.tcpPort, turn: media.turn?.domain }
            : {}),
        },
        'local LiveKit server ready',
      );
    }
    const clientUrl = signalling ? new URL(config.publicUrl).origin.replace(/^http/, 'ws') : credentials.url;

    const { now } = clock;
    const auth = createAuth({
      db: database.db,
      publicUrl: config.publicUrl,
      secureCookies: config.production,
      secret: config.authSecret ?? (await storedSecret(database.db, 'auth')),
      rateLimit: config.rateLimits,
      extraTrustedOrigins: appOrigins(config),
      sendAccountMail: accountMailSender(database.db, now),
      log: log.child({ part: 'auth' }),
    });
    const links = createJoinLinks(await storedSecret(database.db, 'join-links'));
    const mailer = createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      db: database.db,
      log: log.child({ part: 'mail' }),
      now,
    });
    cleanups.push(() => mailer.close());
    const mailDeps = { ...mailDepsOf({ db: database.db, config, now }), links };
    // One signer for every file address (recordings' media, materials' downloads), each with subjects of its own.
    const linkSigner = createLinkSigner(await storedSecret(database.db, 'recording-links'));
    const context: AppContext = {
      config,
      db: database.db,
      database,
      auth,
      mailer,
      mailLimits: createMailLimits(database.db, { enabled: config.rateLimits, now }),
      links,
      livekit: createLiveKitGateway(credentials, clientUrl, nodes),
      signalling,
      roomTickets: createRoomTickets(await storedSecret(database.db, 'room-tickets')),
      roomParts: liveRoomParts(database.db),
      sessionParts,
      attendanceReportOf,
      recordingStore: createFolderStore(config.recording.dir),
      mediaLinks: createMediaLinks(linkSigner),
      materialStore: createFolderStore(config.materials.dir),
      materialLinks: createMaterialLinks(linkSigner),
      liveKitEvents: new LiveKitEvents(),
      metrics: createMetrics(),
      log,
      now,
    };
    const recording = recordingDepsOf(context);
    const certificates = certificateDepsOf(context);
    const jobRunner = createJobRunner({
      db: database.db,
      handlers: measuredJobHandlers(
        {
          'send-mail': sendMailJobHandler(mailer),
          'session-reminder': sessionReminderHandler(mailDeps),
          'recording-finish': recordingFinishHandler(recording),
          'certificates-issue': issueCertificatesHandler(certificates),
          'certificate-mail': certificateMailHandler(certificates),
          'retention-sweep': retentionSweepHandler({ db: database.db, now }),
          'breakouts-warn': breakoutWarnHandler(roomDepsOf(context)),
          'breakouts-end': breakoutEndHandler(roomDepsOf(context)),
          'breakouts-close-rooms': breakoutCloseRoomsHandler(roomDepsOf(context)),
        },
        context.metrics,
      ),
      log: log.child({ part: 'jobs' }),
      now,
      pollIntervalMs: config.jobs.pollIntervalMs,
      concurrency: 4,
    });
    // Every instance plans the hourly sweep; its dedupe key makes it one job an hour for all of them.
    await scheduleRetentionSweep(database.db, now());
    jobRunner.start();
    cleanups.push(() => jobRunner.stop());
    // Recorders stop before the job runner and the database: their files are finished and queued.
    recording.supervisor.start();
    cleanups.push(() => recording.supervisor.stopAll());
    recording.streaming.supervisor.start();
    cleanups.push(() => recording.streaming.supervisor.stopAll());
    const webhooksCounted = countLiveKitWebhooks(context.metrics, context.liveKitEvents);
    cleanups.push(async () => webhooksCounted());
    const doctorAnswers = answerDoctorRooms(context.livekit, context.liveKitEvents);
    cleanups.push(async () => doctorAnswers());
    const egress = watchEgress(recording, context.liveKitEvents);
    cleanups.push(async () => egress());
    const presence = watchPresence(roomDepsOf(context), context.liveKitEvents);
    cleanups.push(async () => presence.stop());
    const whipConnections = watchWhipConnections(whipDepsOf(context), context.liveKitEvents);
    cleanups.push(async () => whipConnections());
    const attendance = watchAttendance({ db: database.db, now }, context.liveKitEvents);
    cleanups.push(async () => attendance.stop());
    const { bursts } = roomDepsOf(context);
    cleanups.push(async () => {
      await bursts.flush();
      await bursts.stop();
    });
    dataDirLock?.serve(backupControlRoutes(database, log.child({ part: 'backup' })));
    const app = buildApp(context);
    const server = await listen(app.fetch, config);
    cleanups.push(() => closeServer(server));
    if (signalling) {
      const proxy = signalling;
      server.on('upgrade', proxy.handleUpgrade);
      // Before the server closes: its close() waits for every connection, tunnels included.
      cleanups.push(async () => proxy.close());
    }
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    log.info({ url, publicUrl: config.publicUrl, ms: Math.round(performance.now() - started) }, 'Serambi is ready');
    return {
      url,
      context,
      liveKit: { url: credentials.url, apiKey: credentials.apiKey, apiSecret: credentials.apiSecret },
      get liveKitPid() {
        return localLiveKit?.current.pid;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `PORT ${config.port} is already in use on ${config.host}: stop what uses it or set PORT to another.`,
            )
          : error,
      );
    });
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open; the browser reconnects after a restart.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
