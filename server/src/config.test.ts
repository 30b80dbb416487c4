import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs embedded with no variables: PGlite in ./data, a local LiveKit, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.livekit).toEqual({ mode: 'local', binary: undefined });
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
    const https = { PUBLIC_URL: 'https://serambi.example', SMTP_URL: 'smtp://mail:587' };

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
      const config = loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://serambi.example', SMTP_URL: 'smtp://mail' });
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
    ).toEqual({ mode: 'external', url: 'wss://lk.example', apiKey: 'k', apiSecret: secret });
  });
});
