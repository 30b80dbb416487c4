/**
 * Every text `pnpm doctor` prints, in Indonesian and English. Both dictionaries implement one
 * interface, so a line cannot exist in one language only.
 */
export type DoctorLanguage = 'id' | 'en';

export interface DoctorMessages {
  usage: string;
  heading(publicUrl: string): string;
  columns: { check: string; measured: string };
  fix: string;
  summary(failed: number, passed: number, skipped: number): string;
  notMeasured(reason: string): string;
  dns: {
    title(host: string): string;
    resolved(addresses: string[]): string;
    failed(error: string): string;
    fix(host: string): string;
  };
  certificate: {
    title(host: string, port: number): string;
    valid(days: number, until: string, issuer: string): string;
    invalid(error: string): string;
    nameMismatch(host: string, names: string): string;
    expiring(days: number, until: string, minimumDays: number): string;
    unreachable(error: string): string;
    plainHttp: string;
    fixApp: string;
    fixTurn: string;
    fixUnreachable(host: string, port: number): string;
  };
  health: {
    title: string;
    ok: string;
    down(db: string, livekit: string): string;
    unexpected(status: number): string;
    unreachable(error: string): string;
    fix: string;
  };
  clock: {
    title: string;
    agrees(seconds: number): string;
    skewed(seconds: number, limit: number): string;
    noDate: string;
    fix: string;
  };
  disk: {
    title(dir: string): string;
    enough(free: string, minimum: string): string;
    tooLittle(free: string, minimum: string): string;
    egress: string;
    fix(dir: string): string;
  };
  liveKitApi: {
    title: string;
    created(room: string, url: string): string;
    failed(error: string): string;
    noKeys(file: string): string;
    noPort(file: string): string;
    fixLocal: string;
    fixExternal: string;
  };
  webhook: {
    title: string;
    answered(seconds: number): string;
    silent(seconds: number): string;
    fixLocal(url: string): string;
    fixExternal(url: string): string;
  };
  validate: {
    title(url: string): string;
    ok(status: number): string;
    refused(status: number, body: string): string;
    unreachable(error: string): string;
    fix: string;
  };
  websocket: {
    title(url: string): string;
    joined(iceServerUrls: string[]): string;
    noJoin(what: string): string;
    failed(error: string): string;
    fix: string;
  };
  media: {
    udpTitle: string;
    tcpTitle: string;
    turnUdpTitle: string;
    turnTlsTitle: string;
    received(path: string, seconds: number): string;
    tcpHow: string;
    turnTlsHow(host: string, port: number): string;
    wrongPath(expected: string, path: string): string;
    failed(error: string): string;
    noTurnServer(kind: string): string;
    tlsTunnel(error: string): string;
    fixUdp(port: string): string;
    fixTcp(port: string): string;
    fixTcpOff: string;
    fixTurnUdp(target: string): string;
    fixTurnTls(target: string): string;
    fixNoTurn: string;
  };
  mail: {
    title: string;
    sent(to: string, id: string): string;
    failed(error: string): string;
    skipped: string;
    noSmtp: string;
    fix: string;
    subject: string;
    body(publicUrl: string, at: string): string;
  };
}

const en: DoctorMessages = {
  usage: [
    'Usage: pnpm run doctor [--mail you@example.id] [--lang id|en] [--cert-days N]',
    '',
    'Checks this Serambi from a participant’s side, through its public addresses, with the',
    'environment the service runs with:  sudo deploy/run.sh pnpm run doctor',
    '  --mail ADDRESS   also send a test mail there through SMTP_URL',
    '  --lang id|en     the language of the report (default: from LANG)',
    '  --cert-days N    fail a certificate that expires within N days (default 14)',
  ].join('\n'),
  heading: (url) => `Serambi doctor: ${url}, checked as a participant reaches it`,
  columns: { check: 'Check', measured: 'Measured' },
  fix: 'Fix',
  summary: (failed, passed, skipped) =>
    failed === 0
      ? `All ${passed} checks passed${skipped ? ` (${skipped} skipped)` : ''}.`
      : `${failed} check${failed === 1 ? '' : 's'} failed, ${passed} passed${skipped ? `, ${skipped} skipped` : ''}.`,
  notMeasured: (reason) => `Not measured: ${reason}`,
  dns: {
    title: (host) => `DNS ${host}`,
    resolved: (addresses) => `resolves to ${addresses.join(', ')}`,
    failed: (error) => `does not resolve (${error})`,
    fix: (host) => `Add an A record (and AAAA with IPv6) for ${host} pointing at this server’s public address.`,
  },
  certificate: {
    title: (host, port) => `TLS certificate ${host}:${port}`,
    valid: (days, until, issuer) => `valid for this name, ${days} more days (until ${until}), issued by ${issuer}`,
    invalid: (error) => `not trusted: ${error}`,
    nameMismatch: (host, names) => `not valid for ${host} (it names ${names || 'nothing'})`,
    expiring: (days, until, minimum) => `expires in ${days} days (${until}), within ${minimum}`,
    unreachable: (error) => `no TLS answer (${error})`,
    plainHttp: 'PUBLIC_URL is http://: no certificate (development only)',
    fixApp:
      'Caddy gets and renews this certificate: see `journalctl -u caddy` (DNS must point here and port 80 and 443 be open).',
    fixTurn:
      'coturn takes the TURN name’s certificate from Caddy (serambi-turn-cert.timer): see `journalctl -u serambi-turn-cert -u coturn`.',
    fixUnreachable: (host, port) => `Open TCP ${port} to this server for ${host}, and check that its service runs.`,
  },
  health: {
    title: 'Serambi /api/health',
    ok: 'database ok, LiveKit ok',
    down: (db, livekit) => `database ${db}, LiveKit ${livekit}`,
    unexpected: (status) => `answered HTTP ${status}, not Serambi’s health report`,
    unreachable: (error) => `no answer (${error})`,
    fix: 'See `systemctl status serambi` and `journalctl -u serambi`: the part that is down says why.',
  },
  clock: {
    title: 'Clock',
    agrees: (seconds) => `this machine and the HTTPS answer’s Date header differ by ${seconds} s (±1 s)`,
    skewed: (seconds, limit) =>
      `this machine and the HTTPS answer’s Date header differ by ${seconds} s (over ${limit} s)`,
    noDate: 'the HTTPS answer had no Date header',
    fix: 'Keep the clock synchronised: `timedatectl set-ntp true` (tokens and webhooks carry signed times).',
  },
  disk: {
    title: (dir) => `Free disk for recordings (${dir})`,
    enough: (free, minimum) => `${free} free, recordings start above ${minimum}`,
    tooLittle: (free, minimum) => `${free} free: recordings need ${minimum} (RECORDING_MIN_FREE_MB) and will not start`,
    egress: 'RECORDING_BACKEND=egress: recordings are Egress’s storage',
    fix: (dir) => `Free space in ${dir}, or set RECORDINGS_DIR to a larger disk.`,
  },
  liveKitApi: {
    title: 'LiveKit API: a test room',
    created: (room, url) => `created ${room} at ${url} (deleted afterwards)`,
    failed: (error) => `could not create a room (${error})`,
    noKeys: (file) => `no LiveKit keys in ${file}`,
    noPort: (file) => `no LiveKit port in ${file}`,
    fixLocal:
      'Run the doctor as the service runs, on the server where Serambi runs: `sudo deploy/run.sh pnpm run doctor` (same DATA_DIR).',
    fixExternal: 'Check LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET against your LiveKit deployment.',
  },
  webhook: {
    title: 'Webhook LiveKit → Serambi',
    answered: (seconds) =>
      `room_started reached Serambi, which wrote its answer into the room (${seconds.toFixed(1)} s)`,
    silent: (seconds) => `no answer from Serambi to the test room’s room_started within ${seconds} s`,
    fixLocal: (url) => `Serambi’s own LiveKit posts to ${url}: is Serambi running with this DATA_DIR and PORT?`,
    fixExternal: (url) =>
      `Set LiveKit’s webhook to ${url} with api_key = LIVEKIT_API_KEY, and make sure LiveKit can reach it.`,
  },
  validate: {
    title: (url) => `Signalling check ${url}`,
    ok: (status) => `HTTP ${status}: LiveKit accepted a test token through this address`,
    refused: (status, body) => `HTTP ${status}${body ? `: ${body}` : ''}`,
    unreachable: (error) => `no answer (${error})`,
    fix: 'Browsers reach LiveKit’s /rtc through Serambi’s origin: check that the proxy in front passes /rtc to Serambi.',
  },
  websocket: {
    title: (url) => `Signalling WebSocket ${url}`,
    joined: (urls) => `upgraded; LiveKit answered the join, offering ICE servers: ${urls.join(', ') || 'none'}`,
    noJoin: (what) => `upgraded, but LiveKit’s first message was ${what}, not a join answer`,
    failed: (error) => `no WebSocket (${error})`,
    fix: 'The proxy in front must pass WebSocket upgrades (Upgrade/Connection headers) of /rtc to Serambi.',
  },
  media: {
    udpTitle: 'Media over UDP (direct)',
    tcpTitle: 'Media over ICE/TCP (direct)',
    turnUdpTitle: 'Media through TURN over UDP',
    turnTlsTitle: 'Media through TURN over TLS',
    received: (path, seconds) => `a test tone went out and came back in ${seconds.toFixed(1)} s over ${path}`,
    tcpHow: 'LiveKit was asked to offer only TCP candidates (SIMULATE_FORCE_TCP, an ICE restart)',
    turnTlsHow: (host, port) =>
      `relay only; TLS to ${host}:${port} verified by the doctor, TURN inside it (the WebRTC engine trusts only built-in roots)`,
    wrongPath: (expected, path) => `the media took ${path}, not ${expected}`,
    failed: (error) => `no media (${error})`,
    noTurnServer: (kind) => `LiveKit offers participants no TURN server over ${kind}`,
    tlsTunnel: (error) => `TLS to the TURN server failed: ${error}`,
    fixUdp: (port) =>
      `Open UDP ${port} to this server (firewall, cloud security group); behind 1:1 NAT set LIVEKIT_NODE_IP to the public address.`,
    fixTcp: (port) => `Open TCP ${port} to this server (LiveKit’s ICE/TCP, for networks that block UDP).`,
    fixTcpOff:
      'ICE/TCP is off (LIVEKIT_TCP_PORT=0): set LIVEKIT_TCP_PORT=7881 and open it, or rely on TURN over TLS alone.',
    fixTurnUdp: (target) => `Open UDP ${target} to coturn and check \`journalctl -u coturn\` (TURN_SECRET must match).`,
    fixTurnTls: (target) =>
      `Check coturn’s TLS listener ${target} (and the SNI router on 443), its certificate, and \`journalctl -u coturn\`.`,
    fixNoTurn:
      'Set TURN_DOMAIN and TURN_SECRET (README: "TURN"): without TURN, people on networks that allow only HTTPS cannot join.',
  },
  mail: {
    title: 'Mail (SMTP)',
    sent: (to, id) => `the SMTP server accepted a test mail to ${to} (${id}): check that it arrives`,
    failed: (error) => `not sent (${error})`,
    skipped: 'skipped: give --mail you@example.id to send a test mail',
    noSmtp: 'no SMTP_URL: mail goes to the development outbox',
    fix: 'Check SMTP_URL (host, port, user, password) and MAIL_FROM with your mail provider.',
    subject: 'Serambi doctor: test mail',
    body: (url, at) =>
      `This is a test mail from pnpm doctor on ${url}, sent at ${at}.\nIf it arrived, Serambi's mail works.`,
  },
};

const id: DoctorMessages = {
  usage: [
    'Pemakaian: pnpm run doctor [--mail anda@contoh.id] [--lang id|en] [--cert-days N]',
    '',
    'Memeriksa Serambi ini dari sisi peserta, lewat alamat publiknya, dengan lingkungan yang',
    'dipakai layanannya:  sudo deploy/run.sh pnpm run doctor',
    '  --mail ALAMAT    kirim juga surel uji ke alamat itu lewat SMTP_URL',
    '  --lang id|en     bahasa laporan (bawaan: dari LANG)',
    '  --cert-days N    anggap gagal sertifikat yang habis dalam N hari (bawaan 14)',
  ].join('\n'),
  heading: (url) => `Pemeriksaan Serambi: ${url}, seperti dijangkau peserta`,
  columns: { check: 'Pemeriksaan', measured: 'Hasil ukur' },
  fix: 'Perbaikan',
  summary: (failed, passed, skipped) =>
    failed === 0
      ? `Semua ${passed} pemeriksaan lolos${skipped ? ` (${skipped} dilewati)` : ''}.`
      : `${failed} pemeriksaan gagal, ${passed} lolos${skipped ? `, ${skipped} dilewati` : ''}.`,
  notMeasured: (reason) => `Tidak diukur: ${reason}`,
  dns: {
    title: (host) => `DNS ${host}`,
    resolved: (addresses) => `mengarah ke ${addresses.join(', ')}`,
    failed: (error) => `tidak ditemukan (${error})`,
    fix: (host) => `Tambahkan record A (dan AAAA bila ada IPv6) untuk ${host} ke alamat publik server ini.`,
  },
  certificate: {
    title: (host, port) => `Sertifikat TLS ${host}:${port}`,
    valid: (days, until, issuer) => `sah untuk nama ini, ${days} hari lagi (sampai ${until}), diterbitkan ${issuer}`,
    invalid: (error) => `tidak dipercaya: ${error}`,
    nameMismatch: (host, names) => `tidak sah untuk ${host} (isinya ${names || 'kosong'})`,
    expiring: (days, until, minimum) => `habis dalam ${days} hari (${until}), kurang dari ${minimum}`,
    unreachable: (error) => `tidak ada jawaban TLS (${error})`,
    plainHttp: 'PUBLIC_URL memakai http://: tanpa sertifikat (hanya untuk pengembangan)',
    fixApp:
      'Caddy mengambil dan memperbarui sertifikat ini: lihat `journalctl -u caddy` (DNS harus ke sini, port 80 dan 443 terbuka).',
    fixTurn:
      'coturn mengambil sertifikat nama TURN dari Caddy (serambi-turn-cert.timer): lihat `journalctl -u serambi-turn-cert -u coturn`.',
    fixUnreachable: (host, port) => `Buka TCP ${port} ke server ini untuk ${host}, dan pastikan layanannya berjalan.`,
  },
  health: {
    title: 'Serambi /api/health',
    ok: 'basis data baik, LiveKit baik',
    down: (db, livekit) => `basis data ${db}, LiveKit ${livekit}`,
    unexpected: (status) => `menjawab HTTP ${status}, bukan laporan kesehatan Serambi`,
    unreachable: (error) => `tidak ada jawaban (${error})`,
    fix: 'Lihat `systemctl status serambi` dan `journalctl -u serambi`: bagian yang mati menyebut sebabnya.',
  },
  clock: {
    title: 'Jam',
    agrees: (seconds) => `jam mesin ini dan header Date jawaban HTTPS berselisih ${seconds} dtk (±1 dtk)`,
    skewed: (seconds, limit) =>
      `jam mesin ini dan header Date jawaban HTTPS berselisih ${seconds} dtk (lebih dari ${limit} dtk)`,
    noDate: 'jawaban HTTPS tidak punya header Date',
    fix: 'Sinkronkan jam: `timedatectl set-ntp true` (token dan webhook membawa waktu yang ditandatangani).',
  },
  disk: {
    title: (dir) => `Ruang disk untuk rekaman (${dir})`,
    enough: (free, minimum) => `${free} kosong, rekaman dimulai di atas ${minimum}`,
    tooLittle: (free, minimum) =>
      `${free} kosong: rekaman perlu ${minimum} (RECORDING_MIN_FREE_MB) dan tidak akan dimulai`,
    egress: 'RECORDING_BACKEND=egress: rekaman ada di penyimpanan Egress',
    fix: (dir) => `Kosongkan ruang di ${dir}, atau arahkan RECORDINGS_DIR ke disk yang lebih besar.`,
  },
  liveKitApi: {
    title: 'API LiveKit: ruang uji',
    created: (room, url) => `membuat ${room} di ${url} (dihapus sesudahnya)`,
    failed: (error) => `tidak bisa membuat ruang (${error})`,
    noKeys: (file) => `tidak ada kunci LiveKit di ${file}`,
    noPort: (file) => `tidak ada port LiveKit di ${file}`,
    fixLocal:
      'Jalankan pemeriksaan seperti layanan berjalan, di server tempat Serambi berjalan: `sudo deploy/run.sh pnpm run doctor` (DATA_DIR yang sama).',
    fixExternal: 'Cocokkan LIVEKIT_URL, LIVEKIT_API_KEY, dan LIVEKIT_API_SECRET dengan LiveKit Anda.',
  },
  webhook: {
    title: 'Webhook LiveKit → Serambi',
    answered: (seconds) =>
      `room_started sampai di Serambi, yang menulis jawabannya ke ruang uji (${seconds.toFixed(1)} dtk)`,
    silent: (seconds) => `Serambi tidak menjawab room_started ruang uji dalam ${seconds} dtk`,
    fixLocal: (url) =>
      `LiveKit milik Serambi mengirim ke ${url}: apakah Serambi berjalan dengan DATA_DIR dan PORT ini?`,
    fixExternal: (url) =>
      `Atur webhook LiveKit ke ${url} dengan api_key = LIVEKIT_API_KEY, dan pastikan LiveKit bisa menjangkaunya.`,
  },
  validate: {
    title: (url) => `Cek sinyal ${url}`,
    ok: (status) => `HTTP ${status}: LiveKit menerima token uji lewat alamat ini`,
    refused: (status, body) => `HTTP ${status}${body ? `: ${body}` : ''}`,
    unreachable: (error) => `tidak ada jawaban (${error})`,
    fix: 'Peramban menjangkau /rtc LiveKit lewat origin Serambi: pastikan proxy di depan meneruskan /rtc ke Serambi.',
  },
  websocket: {
    title: (url) => `WebSocket sinyal ${url}`,
    joined: (urls) =>
      `tersambung; LiveKit menjawab permintaan bergabung, menawarkan server ICE: ${urls.join(', ') || 'tidak ada'}`,
    noJoin: (what) => `tersambung, tetapi pesan pertama LiveKit adalah ${what}, bukan jawaban bergabung`,
    failed: (error) => `tidak ada WebSocket (${error})`,
    fix: 'Proxy di depan harus meneruskan upgrade WebSocket (header Upgrade/Connection) untuk /rtc ke Serambi.',
  },
  media: {
    udpTitle: 'Media lewat UDP (langsung)',
    tcpTitle: 'Media lewat ICE/TCP (langsung)',
    turnUdpTitle: 'Media lewat TURN di atas UDP',
    turnTlsTitle: 'Media lewat TURN di atas TLS',
    received: (path, seconds) => `nada uji terkirim dan kembali dalam ${seconds.toFixed(1)} dtk lewat ${path}`,
    tcpHow: 'LiveKit diminta hanya menawarkan kandidat TCP (SIMULATE_FORCE_TCP, ICE restart)',
    turnTlsHow: (host, port) =>
      `hanya relay; TLS ke ${host}:${port} diverifikasi oleh pemeriksa, TURN di dalamnya (mesin WebRTC hanya memercayai root bawaannya)`,
    wrongPath: (expected, path) => `media lewat ${path}, bukan ${expected}`,
    failed: (error) => `tidak ada media (${error})`,
    noTurnServer: (kind) => `LiveKit tidak menawarkan server TURN lewat ${kind} kepada peserta`,
    tlsTunnel: (error) => `TLS ke server TURN gagal: ${error}`,
    fixUdp: (port) =>
      `Buka UDP ${port} ke server ini (firewall, security group cloud); di balik NAT 1:1 isi LIVEKIT_NODE_IP dengan alamat publik.`,
    fixTcp: (port) => `Buka TCP ${port} ke server ini (ICE/TCP LiveKit, untuk jaringan yang memblokir UDP).`,
    fixTcpOff:
      'ICE/TCP mati (LIVEKIT_TCP_PORT=0): isi LIVEKIT_TCP_PORT=7881 dan buka port-nya, atau andalkan TURN lewat TLS saja.',
    fixTurnUdp: (target) => `Buka UDP ${target} ke coturn dan lihat \`journalctl -u coturn\` (TURN_SECRET harus sama).`,
    fixTurnTls: (target) =>
      `Periksa listener TLS coturn ${target} (dan router SNI di 443), sertifikatnya, dan \`journalctl -u coturn\`.`,
    fixNoTurn:
      'Isi TURN_DOMAIN dan TURN_SECRET (README: "TURN"): tanpa TURN, peserta di jaringan yang hanya membolehkan HTTPS tidak bisa bergabung.',
  },
  mail: {
    title: 'Surel (SMTP)',
    sent: (to, id) => `server SMTP menerima surel uji ke ${to} (${id}): periksa apakah surelnya tiba`,
    failed: (error) => `tidak terkirim (${error})`,
    skipped: 'dilewati: tambahkan --mail anda@contoh.id untuk mengirim surel uji',
    noSmtp: 'tidak ada SMTP_URL: surel masuk ke kotak keluar pengembangan',
    fix: 'Periksa SMTP_URL (host, port, pengguna, kata sandi) dan MAIL_FROM dengan penyedia surel Anda.',
    subject: 'Pemeriksaan Serambi: surel uji',
    body: (url, at) =>
      `Ini surel uji dari pnpm doctor di ${url}, dikirim ${at}.\nBila surel ini tiba, pengiriman surel Serambi berjalan.`,
  },
};

export const DOCTOR_MESSAGES: Record<DoctorLanguage, DoctorMessages> = { id, en };

/** `--lang` when given; otherwise Indonesian when the locale (LC_ALL, LC_MESSAGES, LANG) is, English else. */
export function doctorLanguage(option: string | undefined, env: NodeJS.ProcessEnv): DoctorLanguage | undefined {
  if (option !== undefined) return option === 'id' || option === 'en' ? option : undefined;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^id([_.@-]|$)/i.test(locale) ? 'id' : 'en';
}
