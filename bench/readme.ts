import os from 'node:os';
import { type BenchResult, round } from './results.ts';

/** bench/README.md: the last run's figures as a table, and what each figure measures. */
export function readme(
  figures: BenchResult[],
  run: {
    commit: string;
    /** Files that differed from the commit when the run measured them, or null. */
    uncommitted: string[] | null;
    date: string;
    /** The bench files that ran, or null for all of them. */
    benches: string[] | null;
  },
): string {
  const rows = figures.map((r) => [
    r.name,
    `${round(r.value)} ${r.unit}`,
    r.comparedTo ? `${round(r.comparedTo.value)} ${r.comparedTo.unit} (${r.comparedTo.name})` : '',
    r.comparedTo && r.comparedTo.value !== 0 ? `${Number((r.value / r.comparedTo.value).toPrecision(2))}×` : '',
  ]);
  return [
    '# Benchmarks',
    '',
    'Written by `pnpm bench` (bench/run.ts runs every `bench/*.bench.ts`, or those named, as in',
    '`pnpm bench certificates room`); every run also appends its figures to `history.jsonl`. Each',
    'bench checks that what it measured happened as it should before it reports a figure, and',
    'fails otherwise; a run with a failed bench writes nothing. Figures from one machine are',
    'comparable with each other, not across machines.',
    '',
    `Last run: ${run.date}, commit \`${run.commit}\`${
      run.uncommitted ? ` with uncommitted changes to ${run.uncommitted.join(', ')}` : ''
    }, ${os.cpus().length} CPUs, Node ${process.version}${
      run.benches
        ? `; ${run.benches.join(', ')} only: the other figures are from earlier runs (each run is a line of history.jsonl)`
        : ''
    }.`,
    '',
    ...markdownTable(['Figure', 'Value', 'Compared to', 'Ratio'], rows),
    '',
    '- **one LiveKit node** (issue 19; `capacity.bench.ts`): one speaker and a growing audience of',
    '  subscribe-only, hidden viewers on a local LiveKit, in steps (5, 10, 15, 20, 25, 30, 40, …)',
    '  until LiveKit uses a whole core, a step delivers under 80 % of the bytes per viewer of the',
    '  first, the viewers decode under 80 % of the frames sent, or 100. The speaker is a headless',
    "  Chromium publishing with livekit-client (capacity-speaker.ts). Camera: Chromium's fake camera",
    '  playing a 1280×720@30 y4m picture (a moving test pattern with grain, to keep the encoder near',
    "  its ceiling; made once by ffmpeg into .tools/bench-media), published with livekit-client's",
    '  defaults (≤ 1.7 Mbit/s, 640×360 and 320×180 simulcast layers) except `maintain-resolution`',
    '  (a short CPU costs frames, not the 720p layer), + the fake microphone; screen: a 1920×1080',
    '  canvas (a slide with a bar moving across it, 15 frames a second) as the screen share with',
    "  livekit-client's screen-share defaults (≤ 2.5 Mbit/s, a half-size layer) + the microphone.",
    '  The viewers are rtc-node Rooms, 25 to a child process (capacity-viewers.ts), with no',
    "  VideoStream or AudioStream attached; rtc-node's WebRTC stack decodes the video all the same",
    '  (its statistics count frames decoded with libvpx), so a viewer costs its process far more',
    "  CPU than it costs LiveKit and the viewers, not LiveKit, fill this machine's two cores first.",
    '  LiveKit CPU: utime+stime from `/proc/<pid>/stat` over 8 s per step, after 3 s of settling;',
    '  per viewer-second: the slope of a least-squares line through the steps (the fixed cost of',
    '  the room is its intercept); viewers per core: where that line reaches one core. Bytes: RTP',
    '  (header and payload) each viewer received per second by its inbound-rtp statistics, mean',
    "  over the steps. The viewers' CPU is their processes', the speaker's Chromium's whole process",
    "  tree's. The bench fails unless every viewer of every counted step received audio and video,",
    "  the speaker's sender statistics show its full-size layer (1280×720, 1920×1080) encoded",
    '  throughout every counted step, and the viewers decoded pictures that wide. It needs',
    "  Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and Debian's ffmpeg.",
    '- **3,000 arrivals** (issue 19; `arrivals.bench.ts`): 3,000 registrants join one live session',
    '  within 2 minutes (evenly spread) through two instances on one PostgreSQL, from a load',
    '  generator in its own process (arrivals-worker.ts): each join is the real `POST …/room/join`,',
    '  followed by the `participant_joined` webhook LiveKit would send (its format, signed as',
    '  LiveKit signs it) through a round-robin balancer, and `participant_left` for everyone at',
    '  the end; thousands of real WebRTC connections would saturate two cores many times over (see',
    '  one LiveKit node). Join and webhook times are answer times at the generator. Head count: the',
    "  session's `presence.connected` from a snapshot, exact within 10 s of the last webhook (no",
    '  backlog), and 0 after everyone left. The bench fails unless every join answered 200 with a',
    '  LiveKit token, every webhook 204, and attendance holds exactly one closed connection each.',
    '- **join storm**: `POST /api/sessions/{ref}/room/join` with the personal-link secrets of 1,000',
    '  registrants of one session, 100 callers in a closed loop for 10 s from a load generator in',
    "  a child process; against a bare `new Hono().get('/', c => c.json({ ok: true }))` on",
    "  @hono/node-server in the server's process under the same load from the same generator.",
    "  Each caller's connection is opened (one join each) before the 10 s are measured, so the figures",
    "  are joins, not connection set-up. Server CPU time per join is the CPU time of the server's",
    "  process (PGlite runs in it; PostgreSQL's own processes are not counted) divided by the joins:",
    '  steadier than the rates on a shared machine. `BENCH_ROOM_ONLY=storm` (and',
    '  `BENCH_ROOM_ENGINES=pglite` or `postgres`) runs the join storm alone. The bench fails unless',
    '  every join and every request to the bare endpoint answered 2xx.',
    '- **stage**: a moderator invites a connected participant (20 rounds): from the invite request to the',
    "  `stage.invited` event reaching the participant's rtc-node client through LiveKit; then the guest",
    '  accepts: from the accept request to',
    "  LiveKit's participant showing `canPublish` (RoomService), and to the guest's rtc-node client",
    '  having published a microphone track; a round that does not reach each of these fails the bench.',
    '- **audience of 60** ([the hidden audience](../docs/livekit.md#the-hidden-audience)): 60 subscribe-only',
    '  rtc-node clients (4 child',
    '  processes, 10 connecting at a time) join one room of a local LiveKit after a speaker bot that',
    '  publishes nothing, once with `hidden: true` and once visible. Updates: ParticipantConnected',
    '  events seen by the member that joined first, and summed over all 60. LiveKit CPU and bytes',
    '  written (signalling plus its log): `/proc/<pid>/stat` utime+stime and `/proc/<pid>/io`',
    '  wchar, from the first join until 2 s without an event. Wall time: until the 60th connected.',
    '  The bench fails unless the counts are exactly what LiveKit sends: hidden, no member and not',
    '  the speaker hears of a join, nobody knows another member; visible, the first member hears of',
    '  the 59 after it, all hear of 1,770 joins, each knows the 59 others and the speaker hears of 60.',
    '- **breakout** (issue 23; `breakouts.bench.ts`): 60 registrants in a live session (server on PGlite),',
    '  each an rtc-node client without media in child processes of ten, as the web client moves: on',
    '  `breakout.placed`/`breakout.ended` it asks `POST …/breakouts/connect` for a token, leaves its room',
    '  and connects to the other. Open: 10 tables of 6 at random; back: "end now". Each person\'s time',
    "  from the moderator's request to their connect resolving (p50), and the last one's. The bench",
    '  fails unless LiveKit lists exactly the placed identities in every table room and all 60 back in',
    "  the main room. 200 (`BENCH_BREAKOUT_SIZES=60,200`) do not fit two cores: see the bench's header.",
    '- **Q&A, 200 clients** (issue 5; server on PGlite): 200 registrants join a live session through',
    '  the API and connect rtc-node clients to its stage room (4 child processes, 20 connecting at a',
    '  time). Fan-out: 30 questions, one after another from 30 people, each timed from sending its',
    '  POST until its `qa.question` event reached the last client (p99 of 30 is the slowest), against',
    '  every single arrival (6,000); clocks of the client processes are aligned by IPC pings. Burst:',
    '  1,000 upvotes over 10 questions (5 per person), 50 in flight, sent from the client processes',
    "  with each client's ticket after a warm-up; broadcasts are the distinct `qa.votes` events the",
    '  first client received, per second from the first vote sent to the last of them, against votes',
    '  answered per second. The bench fails unless every question reached every client, the database',
    '  holds exactly the votes sent, and every client ends with those counts having received every',
    '  `qa.votes` the server flushed; "final counts at every client" is the last vote\'s answer to the',
    "  last client's last `qa.votes`.",
    '- **recorder** (issue 6): one stage person publishes a 1280×720@30 camera with a tone and a',
    '  1920×1080@30 screen share (no simulcast) on a local LiveKit; the built-in recorder records',
    '  1280×720@15 for 30 s after a 4 s warm-up. Cores: utime+stime of the recorder process and its',
    '  ffmpeg from `/proc` over wall time; memory: their VmRSS sampled every second; real-time factor:',
    '  media seconds written (and encoded by ffmpeg) per wall second, 1.0 meaning it keeps up. The',
    '  bench fails unless the recorder ends showing the screen share as received with the camera in',
    '  the corner, and the file (ffprobe, ffmpeg) holds H.264 1280×720 and AAC, lasts the time',
    "  recorded within 0.5 s, carries the tone and shows the screen share's grey.",
    '- **room entry by personal link** (headless Chromium): a registrant opens their link to the live',
    '  room (`/j/:secret/live`, as in their mails) in a fresh browser context (phone-sized, empty',
    '  cache), 7 times, while the host publishes a 640×360@15 camera and a tone from rtc-node. Times',
    "  are from the page's navigation start: DOMContentLoaded, the room-join request by the link alone",
    "  (`POST /api/room/join`, Resource Timing), LiveKit's signalling WebSocket open and the first RTCPeerConnection",
    "  `connected` (both noted by a script added before the page's own), and the first frame of the",
    "  speaker's `<video>` handed to the compositor (`requestVideoFrameCallback`, its",
    '  `presentationTime`). Compared with a bare page that only loads livekit-client and connects with',
    "  the same person's token from the join API (the floor: LiveKit and Chromium's WebRTC without",
    '  Serambi), and with the link opened again in the same context (warm cache). Chromium is warmed up',
    '  by one unmeasured entry first. The bench fails if the build is missing or older than its',
    '  sources, and unless every entry reached each milestone and its first frame had the shape of',
    "  the speaker's 640×360 camera.",
    '- **JS downloaded**: each page opened in a fresh Chromium context against `web/dist` as the',
    '  server serves it (the bench fails if the build is missing or older than its sources); every',
    "  JavaScript response until 1 s without one after the page's heading (the room: its stage) shows,",
    '  summed raw, gzipped per file with node:zlib level 9, and as sent over the wire (the server',
    "  sends the Brotli copies the build writes beside each asset; Chromium's encoded body size).",
    '  The room is entered by a personal link while the session',
    "  is live, and compared with the public page that downloads most; the whole build's `.js` files",
    '  for scale. The bench fails unless each page shows its own heading (not the not-found page)',
    '  and every script the build precompresses (1 KiB or more) came Brotli-encoded.',
    '- **memory**: the server runs in a child process (bench/memory-server.ts), started with the V8',
    '  flag `pnpm start` gives it (`--max-semi-space-size=8`), so RSS (`VmRSS`) is',
    '  its own, not LiveKit (reported apart), the rtc-node clients or the harness. Measured after two',
    '  forced collections (`--expose-gc`), 3 s after start (idle) and 3 s after the load: 1,000',
    '  registrants written to the database, the session live, all 1,000 joined through the API (room',
    '  ticket and LiveKit token each), 100 of them connected with rtc-node and counted by presence',
    '  webhooks. On PGlite the database runs inside the server process (its WebAssembly memory is',
    '  counted); on PostgreSQL it does not. Peak is `VmHWM`. The bench fails unless every registrant',
    '  joined and the server counts exactly the 100 connected when it measures.',
    '- **certificate PDF**: 20 renders, after one warm-up, of a session certificate for a Latin and for',
    '  a Chinese name. Every PDF is read back with poppler before the figures count: one A4 page',
    '  holding the name, community, session and number as text, the Latin name in Noto Serif Display',
    '  without the fallback font, the Chinese one in Droid Sans Fallback. **attendance report**: built',
    '  from 1,000 (and 100) registrants connected 3 times each; every report must give each',
    '  registrant the seconds their connections add up to.',
    '',
  ].join('\n');
}

/** A table with padded columns, as the formatter (biome) writes it. */
function markdownTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((title, i) => Math.max(3, ...[title, ...rows.map((row) => row[i] ?? '')].map(width)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function width(text: string): number {
  return [...text].length;
}
