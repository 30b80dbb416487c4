import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { createLiveKitGateway, type LiveKitGateway } from '../livekit/gateway.ts';
import { inspectCertificate, resolveName } from './checks/address.ts';
import {
  clockSkewSeconds,
  fetchHealth,
  freeBytes,
  megabytes,
  sendTestMail,
  untilWebhookAnswered,
} from './checks/service.ts';
import { joinOverWebSocket, type OfferedIceServer, validateToken } from './checks/signalling.ts';
import { checkMediaPaths } from './media-lines.ts';
import type { DoctorMessages } from './messages.ts';
import { type CheckResult, failed, passed, reasonOf, skipped } from './report.ts';
import { doctorTarget } from './target.ts';
import { DOCTOR_ROOM_PREFIX } from './test-room.ts';

export interface DoctorOptions {
  /** Where to send a test mail; no mail is sent without it. */
  mailTo: string | undefined;
  /** A certificate that expires within this many days fails. */
  certificateDays: number;
}

export interface DoctorDeps {
  config: Config;
  t: DoctorMessages;
  now: () => Date;
  /** Called with each line as soon as it is measured. */
  report: (result: CheckResult) => void;
}

/** Clocks further apart than this fail: signed tokens and webhooks carry their times. */
const CLOCK_SKEW_LIMIT_SECONDS = 5;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Runs every check of `pnpm doctor` in order and reports each line as it is measured. Names,
 * certificates, HTTP and the signalling are reached through the public addresses; LiveKit's API
 * only makes (and at the end deletes) the test room and signs its short-lived tokens.
 */
export async function runDoctor(deps: DoctorDeps, options: DoctorOptions): Promise<CheckResult[]> {
  const { config, t } = deps;
  const results: CheckResult[] = [];
  const add = (result: CheckResult) => {
    results.push(result);
    deps.report(result);
  };
  const target = doctorTarget(config);
  const turn =
    config.livekit.mode === 'local' && config.livekit.media.reach === 'public' ? config.livekit.media.turn : undefined;

  add(await dnsLine(t, target.publicUrl.hostname));
  if (turn) add(await dnsLine(t, turn.domain));
  if (!target.embedded) add(await dnsLine(t, new URL(target.signallingUrl).hostname));

  if (target.publicUrl.protocol === 'https:') {
    const port = Number(target.publicUrl.port || 443);
    add(await certificateLine(deps, target.publicUrl.hostname, port, options.certificateDays, t.certificate.fixApp));
  } else {
    add(
      skipped(
        t.certificate.title(target.publicUrl.hostname, Number(target.publicUrl.port || 80)),
        t.certificate.plainHttp,
      ),
    );
  }
  if (turn) add(await certificateLine(deps, turn.domain, turn.tlsPort, options.certificateDays, t.certificate.fixTurn));

  for (const line of await healthAndClockLines(t, config.publicUrl)) add(line);
  add(await diskLine(t, config));

  const apiTitle = t.liveKitApi.title;
  const apiFix = target.embedded ? t.liveKitApi.fixLocal : t.liveKitApi.fixExternal;
  if (!('url' in target.api)) {
    const problem = target.api.problem === 'noKeys' ? t.liveKitApi.noKeys : t.liveKitApi.noPort;
    add(failed(apiTitle, problem(target.api.file), apiFix));
    for (const line of roomChecksNotMeasured(t, apiTitle)) add(line);
  } else {
    const livekit = createLiveKitGateway(target.api);
    const room = `${DOCTOR_ROOM_PREFIX}${randomBytes(4).toString('hex')}`;
    let created = false;
    try {
      await livekit.ensureRoom(room);
      created = true;
    } catch (error) {
      add(failed(apiTitle, t.liveKitApi.failed(reasonOf(error)), apiFix));
      for (const line of roomChecksNotMeasured(t, apiTitle)) add(line);
    }
    if (created) {
      try {
        add(passed(apiTitle, t.liveKitApi.created(room, target.api.url.replace(/^ws/, 'http'))));
        await roomChecks(deps, {
          livekit,
          room,
          signallingUrl: target.signallingUrl,
          webhookUrl: target.webhookUrl,
          embedded: target.embedded,
          add,
        });
      } finally {
        await livekit.deleteRoom(room).catch(() => {});
      }
    }
  }

  add(await mailLine(deps, options.mailTo));
  return results;
}

async function roomChecks(
  deps: DoctorDeps,
  input: {
    livekit: LiveKitGateway;
    room: string;
    signallingUrl: string;
    webhookUrl: string;
    embedded: boolean;
    add: (result: CheckResult) => void;
  },
) {
  const { t, config } = deps;
  const { livekit, room, add } = input;
  const seconds = await untilWebhookAnswered(livekit, room, WEBHOOK_TIMEOUT_MS);
  add(
    seconds === undefined
      ? failed(
          t.webhook.title,
          t.webhook.silent(WEBHOOK_TIMEOUT_MS / 1000),
          input.embedded ? t.webhook.fixLocal(input.webhookUrl) : t.webhook.fixExternal(input.webhookUrl),
        )
      : passed(t.webhook.title, t.webhook.answered(seconds)),
  );

  const token = (role: string, access: 'publisher' | 'audience' = 'audience') =>
    livekit.mintToken({
      room,
      identity: `doctor-${role}-${randomBytes(3).toString('hex')}`,
      name: 'Serambi doctor',
      attributes: {},
      access,
      ttlSeconds: 120,
    });

  const validateTitle = t.validate.title(`${input.signallingUrl.replace(/^ws/, 'http')}/rtc/validate`);
  try {
    const answer = await validateToken(input.signallingUrl, await token('validate'));
    add(
      answer.status === 200
        ? passed(validateTitle, t.validate.ok(answer.status))
        : failed(validateTitle, t.validate.refused(answer.status, answer.body), t.validate.fix),
    );
  } catch (error) {
    add(failed(validateTitle, t.validate.unreachable(reasonOf(error)), t.validate.fix));
  }

  const socketTitle = t.websocket.title(`${input.signallingUrl}/rtc`);
  let iceServers: OfferedIceServer[] = [];
  try {
    const answer = await joinOverWebSocket(input.signallingUrl, await token('signal'));
    if (answer.kind === 'join') {
      iceServers = answer.iceServers;
      add(passed(socketTitle, t.websocket.joined(iceServers.flatMap((server) => server.urls))));
    } else {
      add(failed(socketTitle, t.websocket.noJoin(answer.what), t.websocket.fix));
    }
  } catch (error) {
    add(failed(socketTitle, t.websocket.failed(reasonOf(error)), t.websocket.fix));
  }

  for (const line of await checkMediaPaths({
    t,
    config,
    signallingUrl: input.signallingUrl,
    iceServers,
    token,
  })) {
    add(line);
  }
}

function roomChecksNotMeasured(t: DoctorMessages, apiTitle: string): CheckResult[] {
  const reason = t.notMeasured(apiTitle);
  return [
    t.webhook.title,
    t.validate.title('/rtc/validate'),
    t.websocket.title('/rtc'),
    t.media.udpTitle,
    t.media.tcpTitle,
    t.media.turnUdpTitle,
    t.media.turnTlsTitle,
  ].map((title) => skipped(title, reason));
}

async function dnsLine(t: DoctorMessages, host: string): Promise<CheckResult> {
  try {
    return passed(t.dns.title(host), t.dns.resolved(await resolveName(host)));
  } catch (error) {
    return failed(t.dns.title(host), t.dns.failed(reasonOf(error)), t.dns.fix(host));
  }
}

async function certificateLine(
  deps: DoctorDeps,
  host: string,
  port: number,
  minimumDays: number,
  fix: string,
): Promise<CheckResult> {
  const { t } = deps;
  const title = t.certificate.title(host, port);
  try {
    const facts = await inspectCertificate(host, port);
    const until = facts.validTo.toISOString().slice(0, 10);
    const days = Math.floor((facts.validTo.getTime() - deps.now().getTime()) / 86_400_000);
    if (facts.chainError) return failed(title, t.certificate.invalid(facts.chainError), fix);
    if (facts.nameError) return failed(title, t.certificate.nameMismatch(host, facts.names), fix);
    if (days < minimumDays) return failed(title, t.certificate.expiring(days, until, minimumDays), fix);
    return passed(title, t.certificate.valid(days, until, facts.issuer));
  } catch (error) {
    return failed(title, t.certificate.unreachable(reasonOf(error)), t.certificate.fixUnreachable(host, port));
  }
}

async function healthAndClockLines(t: DoctorMessages, publicUrl: string): Promise<CheckResult[]> {
  let answer: Awaited<ReturnType<typeof fetchHealth>>;
  try {
    answer = await fetchHealth(publicUrl);
  } catch (error) {
    return [
      failed(t.health.title, t.health.unreachable(reasonOf(error)), t.health.fix),
      skipped(t.clock.title, t.notMeasured(t.health.title)),
    ];
  }
  const { health } = answer;
  const healthLine = !health
    ? failed(t.health.title, t.health.unexpected(answer.status), t.health.fix)
    : health.status === 'ok'
      ? passed(t.health.title, t.health.ok)
      : failed(t.health.title, t.health.down(health.db, health.livekit), t.health.fix);
  if (!answer.date || Number.isNaN(answer.date.getTime())) {
    return [healthLine, failed(t.clock.title, t.clock.noDate, t.clock.fix)];
  }
  const skew = clockSkewSeconds(answer.date, answer.askedAt, answer.answeredAt);
  const clockLine =
    skew > CLOCK_SKEW_LIMIT_SECONDS
      ? failed(t.clock.title, t.clock.skewed(skew, CLOCK_SKEW_LIMIT_SECONDS), t.clock.fix)
      : passed(t.clock.title, t.clock.agrees(skew));
  return [healthLine, clockLine];
}

async function diskLine(t: DoctorMessages, config: Config): Promise<CheckResult> {
  const { dir, minFreeBytes, backend } = config.recording;
  const title = t.disk.title(dir);
  if (backend === 'egress') return skipped(title, t.disk.egress);
  const free = await freeBytes(dir);
  return free >= minFreeBytes
    ? passed(title, t.disk.enough(megabytes(free), megabytes(minFreeBytes)))
    : failed(title, t.disk.tooLittle(megabytes(free), megabytes(minFreeBytes)), t.disk.fix(dir));
}

async function mailLine(deps: DoctorDeps, to: string | undefined): Promise<CheckResult> {
  const { t, config } = deps;
  if (!to) return skipped(t.mail.title, t.mail.skipped);
  if (!config.smtpUrl) return failed(t.mail.title, t.mail.noSmtp, t.mail.fix);
  try {
    const id = await sendTestMail({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      to,
      subject: t.mail.subject,
      text: t.mail.body(config.publicUrl, deps.now().toISOString()),
      now: deps.now,
    });
    return passed(t.mail.title, t.mail.sent(to, id));
  } catch (error) {
    return failed(t.mail.title, t.mail.failed(reasonOf(error)), t.mail.fix);
  }
}
