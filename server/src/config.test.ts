import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs embedded with no variables: PGlite in ./data, a local LiveKit, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.livekit).toEqual({ mode: 'local', binary: undefined, media: { reach: 'loopback' } });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/serambi' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/serambi',
    });
  });

  it('refuses a DATA_DIR too long for the embedded database’s socket, and not with PostgreSQL', () => {
    const dataDir = `/srv/${'komunitas-'.repeat(9)}`;
    expect(dataDir.length).toBe(95);
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(
      `Configuration error: DATA_DIR must be at most 90 characters long with the embedded database (PGlite): its Unix socket lives there (got "${dataDir}").`,
    );
    expect(loadConfig({ DATA_DIR: dataDir.slice(0, 90) }).dataDir).toBe(dataDir.slice(0, 90));
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@db:5432/serambi' }).dataDir).toBe(dataDir);
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a port number (got "abc").'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be between 1 and 65535 (got "70000").'],
    [{ PUBLIC_URL: 'serambi.id' }, 'Configuration error: PUBLIC_URL must be a URL (http, https) (got "serambi.id").'],
    [{ SMTP_URL: 'http://mail' }, 'Configuration error: SMTP_URL must start with smtp:// or smtps://.'],
    [{ LOG_LEVEL: 'loud' }, 'Configuration error: LOG_LEVEL'],
    [{ LIVEKIT_URL: 'wss://lk.example' }, 'Configuration error: LIVEKIT_API_KEY is required when LIVEKIT_URL is set.'],
    [
      { LIVEKIT_API_KEY: 'k' },
      'Configuration error: LIVEKIT_URL is required when LIVEKIT_API_KEY or LIVEKIT_API_SECRET is set.',
    ],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('production mode', () => {
    const https = {
      PUBLIC_URL: 'https://serambi.example',
      SMTP_URL: 'smtp://mail:587',
      LIVEKIT_NODE_IP: '203.0.113.7',
    };

    it('is on with an https PUBLIC_URL whatever NODE_ENV says, or with NODE_ENV=production', () => {
      expect(loadConfig({}).production).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
      expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).production).toBe(false);
      for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
        expect(loadConfig({ ...https, NODE_ENV }).production, String(NODE_ENV)).toBe(true);
      }
    });

    it('refuses to start without SMTP_URL, so nobody’s join link or reset link sits in a development outbox', () => {
      const { SMTP_URL, ...withoutMail } = https;
      for (const NODE_ENV of ['production', 'development', 'test']) {
        expect(() => loadConfig({ ...withoutMail, NODE_ENV })).toThrow(
          /^Configuration error: SMTP_URL is required in production [^\n]*\.$/,
        );
      }
      expect(loadConfig({ ...https, NODE_ENV: 'production' }).smtpUrl).toBe(SMTP_URL);
    });

    it('with NODE_ENV=production, needs PUBLIC_URL, and an https one (its cookies are Secure)', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: https.SMTP_URL })).toThrow(
        /^Configuration error: PUBLIC_URL is required in production/,
      );
      expect(() =>
        loadConfig({ NODE_ENV: 'production', SMTP_URL: https.SMTP_URL, PUBLIC_URL: 'http://serambi.example' }),
      ).toThrow(
        /^Configuration error: PUBLIC_URL must be an https address in production .*\(got "http:\/\/serambi\.example"\)\.$/,
      );
    });

    it('keeps the rate limits on by default even when NODE_ENV=test', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).rateLimits).toBe(false);
      expect(loadConfig({ ...https, NODE_ENV: 'test' }).rateLimits).toBe(true);
    });
  });

  describe('outside production', () => {
    it.each(['0.0.0.0', '::', '192.168.1.20', 'serambi.example'])(
      'refuses HOST=%s, which other machines reach, with one line saying what to set',
      (HOST) => {
        for (const env of [{ HOST }, { HOST, NODE_ENV: 'test' }, { HOST, PUBLIC_URL: 'http://serambi.example' }]) {
          expect(() => loadConfig(env)).toThrow(ConfigError);
          expect(() => loadConfig(env)).toThrow(
            `Configuration error: HOST=${HOST} makes Serambi reachable from other machines; set PUBLIC_URL to its https address (production) or NODE_ENV=production, or keep HOST=127.0.0.1.`,
          );
        }
      },
    );

    it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])('listens on loopback HOST=%s', (HOST) => {
      expect(loadConfig({ HOST }).host).toBe(HOST);
    });

    it('listens on any address in production', () => {
      const config = loadConfig({
        HOST: '0.0.0.0',
        PUBLIC_URL: 'https://serambi.example',
        SMTP_URL: 'smtp://mail',
        LIVEKIT_NODE_IP: '203.0.113.7',
      });
      expect(config).toMatchObject({ host: '0.0.0.0', production: true });
    });
  });

  it('never echoes a value that may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      'Configuration error: DATABASE_URL must start with postgres:// or postgresql://.',
    );
    expect(() =>
      loadConfig({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' }),
    ).toThrow(/^Configuration error: LIVEKIT_API_SECRET must be at least 32 characters[^"]*\.$/);
  });

  it('issues certificates a minute after a session ends, at once in tests, or as CERTIFICATE_ISSUE_DELAY_SECONDS says', () => {
    expect(loadConfig({}).certificates.issueDelaySeconds).toBe(60);
    expect(loadConfig({ NODE_ENV: 'test' }).certificates.issueDelaySeconds).toBe(0);
    expect(loadConfig({ CERTIFICATE_ISSUE_DELAY_SECONDS: '300' }).certificates.issueDelaySeconds).toBe(300);
    expect(() => loadConfig({ CERTIFICATE_ISSUE_DELAY_SECONDS: 'soon' })).toThrow(
      'Configuration error: CERTIFICATE_ISSUE_DELAY_SECONDS must be a number of seconds (got "soon").',
    );
  });

  it('takes a metrics token of at least 16 characters, and never echoes a short one', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'rahasia-metrik-panjang' }).metricsToken).toBe('rahasia-metrik-panjang');
    expect(() => loadConfig({ METRICS_TOKEN: 'pendek' })).toThrow(
      /^Configuration error: METRICS_TOKEN must be at least 16 characters\.$/,
    );
  });

  it('reads the load balancer’s addresses from TRUSTED_PROXIES and names a bad entry', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,lb.internal' })).toThrow(
      /^Configuration error: TRUSTED_PROXIES must be IP addresses or CIDR ranges, separated by commas/,
    );
  });

  it('connects to an external LiveKit when all three variables are set', () => {
    const secret = 'x'.repeat(32);
    expect(
      loadConfig({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: secret }).livekit,
    ).toEqual({
      mode: 'external',
      url: 'wss://lk.example',
      urls: ['wss://lk.example'],
      apiKey: 'k',
      apiSecret: secret,
      signalling: 'direct',
    });
  });

  describe('a LiveKit cluster', () => {
    const keys = { LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'x'.repeat(32) };

    it('takes several node URLs, and then proxies signalling through Serambi’s origin by default', () => {
      const livekit = loadConfig({ ...keys, LIVEKIT_URL: 'ws://10.0.0.11:7880, ws://10.0.0.12:7880' }).livekit;
      expect(livekit).toMatchObject({
        mode: 'external',
        url: 'ws://10.0.0.11:7880',
        urls: ['ws://10.0.0.11:7880', 'ws://10.0.0.12:7880'],
        signalling: 'proxy',
      });
      // One private node can be proxied too.
      expect(
        loadConfig({ ...keys, LIVEKIT_URL: 'http://10.0.0.11:7880', LIVEKIT_SIGNALLING: 'proxy' }).livekit,
      ).toMatchObject({ signalling: 'proxy' });
    });

    it.each([
      [
        { LIVEKIT_URL: 'ws://10.0.0.11:7880,ws://10.0.0.12:7880', LIVEKIT_SIGNALLING: 'direct' },
        'Configuration error: LIVEKIT_SIGNALLING=direct gives browsers one LiveKit address, but LIVEKIT_URL names 2 nodes; set LIVEKIT_SIGNALLING=proxy',
      ],
      [
        { LIVEKIT_URL: 'wss://a.example,wss://b.example' },
        'Configuration error: LIVEKIT_SIGNALLING=proxy tunnels signalling to the nodes unencrypted on your private network, so LIVEKIT_URL must name them with ws:// or http:// (got "wss://a.example").',
      ],
      [
        { LIVEKIT_URL: 'ws://10.0.0.11:7880,ws://10.0.0.11:7880' },
        'Configuration error: LIVEKIT_URL names one LiveKit node twice',
      ],
      [{ LIVEKIT_URL: 'ws://10.0.0.11:7880,10.0.0.12' }, 'Configuration error: LIVEKIT_URL must be a URL'],
      [
        { LIVEKIT_URL: 'ws://10.0.0.11:7880/rtc' },
        'Configuration error: LIVEKIT_URL must name LiveKit nodes by address only',
      ],
      [{ LIVEKIT_URL: ' , ' }, 'Configuration error: LIVEKIT_URL must be a URL (ws, wss, http, https), or several'],
      [
        { LIVEKIT_URL: 'ws://10.0.0.11:7880', LIVEKIT_SIGNALLING: 'relay' },
        'Configuration error: LIVEKIT_SIGNALLING must be direct or proxy',
      ],
    ])('stops on %o with one line saying what to change', (env, message) => {
      expect(() => loadConfig({ ...keys, ...env })).toThrow(message);
    });

    it('refuses LIVEKIT_SIGNALLING without a LiveKit of one’s own', () => {
      expect(() => loadConfig({ LIVEKIT_SIGNALLING: 'proxy' })).toThrow(
        /^Configuration error: LIVEKIT_SIGNALLING applies to a LiveKit deployment of your own \(LIVEKIT_URL\)/,
      );
    });
  });

  describe('the embedded LiveKit in production', () => {
    const production = { PUBLIC_URL: 'https://serambi.example', SMTP_URL: 'smtp://mail:587' };
    const machine = (...addresses: string[]) => ({
      networkInterfaces: () => ({
        lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as os.NetworkInterfaceInfo],
        eth0: addresses.map((address) => ({ address, family: 'IPv4', internal: false }) as os.NetworkInterfaceInfo),
      }),
    });
    const mediaOf = (env: NodeJS.ProcessEnv, facts = machine('45.67.89.10')) => {
      const { livekit } = loadConfig({ ...production, ...env }, facts);
      if (livekit.mode !== 'local') throw new Error('expected the embedded LiveKit');
      return livekit.media;
    };

    it('advertises the first public IPv4 of the machine on UDP 7882 and ICE/TCP 7881 by default, without TURN', () => {
      expect(mediaOf({}, machine('10.0.0.5', '192.168.1.2', '45.67.89.10', '45.67.89.11'))).toEqual({
        reach: 'public',
        nodeIp: '45.67.89.10',
        udpPort: 7882,
        tcpPort: 7881,
        turn: undefined,
      });
    });

    it('stops with one line when the machine has only private addresses and LIVEKIT_NODE_IP is not set', () => {
      expect(() => loadConfig(production, machine('10.0.0.5', '100.64.3.4', '172.20.1.1'))).toThrow(
        /^Configuration error: LIVEKIT_NODE_IP is required: this machine has no public IPv4 address on its interfaces/,
      );
      expect(mediaOf({ LIVEKIT_NODE_IP: '198.51.100.20' }, machine('10.0.0.5'))).toMatchObject({
        nodeIp: '198.51.100.20',
      });
    });

    it('takes every port from its variable, and LIVEKIT_TCP_PORT=0 turns ICE/TCP off', () => {
      const env = {
        LIVEKIT_UDP_PORT: '50000',
        LIVEKIT_TCP_PORT: '0',
        TURN_DOMAIN: 'TURN.serambi.example',
        TURN_SECRET: 's'.repeat(40),
        TURN_UDP_PORT: '3479',
        TURN_TLS_PORT: '5349',
      };
      expect(mediaOf(env)).toEqual({
        reach: 'public',
        nodeIp: '45.67.89.10',
        udpPort: 50000,
        tcpPort: 0,
        turn: { domain: 'turn.serambi.example', secret: 's'.repeat(40), udpPort: 3479, tlsPort: 5349 },
      });
      expect(mediaOf({ TURN_DOMAIN: 'turn.serambi.example', TURN_SECRET: 's'.repeat(40) })).toMatchObject({
        turn: {
          udpPort: 3478,
          tlsPort: 443,
        },
      });
    });

    it.each([
      [{ LIVEKIT_NODE_IP: 'media.serambi.example' }, 'LIVEKIT_NODE_IP must be an IPv4 address'],
      [{ LIVEKIT_UDP_PORT: '0' }, 'LIVEKIT_UDP_PORT must be between 1 and 65535 (got "0").'],
      [{ LIVEKIT_TCP_PORT: 'tcp' }, 'LIVEKIT_TCP_PORT must be a port number, or 0 to turn it off (got "tcp").'],
      [{ LIVEKIT_TCP_PORT: '3000', PORT: '3000' }, 'LIVEKIT_TCP_PORT must differ from PORT'],
      [{ TURN_DOMAIN: 'turn_server' }, 'TURN_DOMAIN must be a host name such as turn.example.org (got "turn_server").'],
      [{ TURN_DOMAIN: 'turn.serambi.example' }, 'TURN_SECRET is required when TURN_DOMAIN is set'],
      [{ TURN_SECRET: 's'.repeat(40) }, 'TURN_DOMAIN is required when TURN_SECRET is set'],
      [{ TURN_TLS_PORT: '443' }, 'TURN_DOMAIN is required when TURN_TLS_PORT is set'],
      [{ TURN_DOMAIN: 'turn.serambi.example', TURN_SECRET: 'short' }, 'TURN_SECRET must be at least 32 characters'],
      [
        { TURN_DOMAIN: 'turn.serambi.example', TURN_SECRET: 's'.repeat(40), TURN_UDP_PORT: '7882' },
        'TURN_UDP_PORT must differ from LIVEKIT_UDP_PORT',
      ],
      [{ TURN_UDP_PORT: '99999' }, 'TURN_UDP_PORT must be between 1 and 65535 (got "99999").'],
    ])('stops on %o with one line naming the variable', (env, message) => {
      const attempt = () => loadConfig({ ...production, ...env }, machine('45.67.89.10'));
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(`Configuration error: ${message}`);
    });

    it('never echoes the TURN secret', () => {
      expect(() =>
        loadConfig(
          { ...production, TURN_DOMAIN: 'turn.serambi.example', TURN_SECRET: 'rahasia' },
          machine('45.67.89.10'),
        ),
      ).toThrow(/^Configuration error: TURN_SECRET must be at least 32 characters[^"]*\.$/);
    });

    it('refuses media settings outside production and with an external LiveKit, where they would do nothing', () => {
      expect(() => loadConfig({ LIVEKIT_UDP_PORT: '7882' })).toThrow(
        'Configuration error: LIVEKIT_UDP_PORT applies only in production (an https PUBLIC_URL or NODE_ENV=production); in development the local LiveKit serves this machine only.',
      );
      const external = { LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'x'.repeat(32) };
      expect(() => loadConfig({ ...production, ...external, TURN_DOMAIN: 'turn.serambi.example' })).toThrow(
        "Configuration error: TURN_DOMAIN configures the LiveKit Serambi runs itself; with LIVEKIT_URL set, configure that LiveKit's own ports and TURN instead.",
      );
      expect(loadConfig({ ...production, ...external }, machine()).livekit.mode).toBe('external');
    });
  });
});
