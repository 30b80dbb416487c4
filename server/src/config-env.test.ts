import { describe, expect, it } from 'vitest';
import { envSchema } from './config-env.ts';

/** The schema's answer for one variable: its value, or the message a bad one gets. */
const read = (variable: keyof typeof envSchema.shape, value: string | undefined) => {
  const parsed = envSchema.shape[variable].safeParse(value);
  return parsed.success ? { value: parsed.data } : { message: parsed.error.issues[0]?.message };
};

describe('what each environment variable may be', () => {
  it('takes an empty variable as unset, so `PORT=` in a .env file means the default', () => {
    expect(read('PORT', '')).toEqual({ value: 3000 });
    expect(read('HOST', '')).toEqual({ value: '127.0.0.1' });
    expect(read('DATA_DIR', '')).toEqual({ value: './data' });
    expect(read('SMTP_URL', '')).toEqual({ value: undefined });
    expect(read('NODE_ENV', '')).toEqual({ value: 'development' });
  });

  it('reads ports as whole numbers from 1 to 65535', () => {
    expect(read('PORT', '8080')).toEqual({ value: 8080 });
    expect(read('PORT', '0')).toEqual({ message: 'must be between 1 and 65535' });
    expect(read('PORT', '65536')).toEqual({ message: 'must be between 1 and 65535' });
    expect(read('PORT', '80.5')).toEqual({ message: 'must be a whole number' });
    expect(read('PORT', 'http')).toEqual({ message: 'must be a port number' });
  });

  it('lets LIVEKIT_TCP_PORT be 0, which turns ICE/TCP off, and no other port', () => {
    expect(read('LIVEKIT_TCP_PORT', '0')).toEqual({ value: 0 });
    expect(read('LIVEKIT_TCP_PORT', '-1')).toEqual({ message: 'must be between 0 (off) and 65535' });
    expect(read('LIVEKIT_TCP_PORT', 'off')).toEqual({ message: 'must be a port number, or 0 to turn it off' });
    expect(read('LIVEKIT_UDP_PORT', '0')).toEqual({ message: 'must be between 1 and 65535' });
    expect(read('TURN_TLS_PORT', '0')).toEqual({ message: 'must be between 1 and 65535' });
  });

  it('takes each URL only with the schemes its client speaks', () => {
    expect(read('DATABASE_URL', 'postgresql://u:p@db/serambi')).toEqual({ value: 'postgresql://u:p@db/serambi' });
    expect(read('DATABASE_URL', 'mysql://u:p@db/serambi')).toEqual({
      message: 'must start with postgres:// or postgresql://',
    });
    // LIVEKIT_URL names one node or several (a cluster), so it reads as a list.
    expect(read('LIVEKIT_URL', 'wss://lk.example.id')).toEqual({ value: ['wss://lk.example.id'] });
    expect(read('LIVEKIT_URL', 'https://lk.example.id, ws://10.0.0.12:7880')).toEqual({
      value: ['https://lk.example.id', 'ws://10.0.0.12:7880'],
    });
    expect(read('LIVEKIT_URL', 'lk.example.id')).toEqual({ message: 'must be a URL (ws, wss, http, https)' });
    expect(read('SMTP_URL', 'smtps://u:p@mail.example.id:465')).toEqual({ value: 'smtps://u:p@mail.example.id:465' });
  });

  it('takes TURN_DOMAIN as a host name with dots, not an address with a scheme or a bare word', () => {
    expect(read('TURN_DOMAIN', 'turn.example.id')).toEqual({ value: 'turn.example.id' });
    expect(read('TURN_DOMAIN', 'TURN.Example.ID')).toEqual({ value: 'TURN.Example.ID' });
    for (const bad of [
      'turn',
      'turns:turn.example.id',
      'turn.example.id:443',
      '-turn.example.id',
      'turn_1.example.id',
    ]) {
      expect(read('TURN_DOMAIN', bad), bad).toEqual({ message: 'must be a host name such as turn.example.org' });
    }
  });

  it('takes LIVEKIT_NODE_IP as an IPv4 address only', () => {
    expect(read('LIVEKIT_NODE_IP', '203.0.113.7')).toEqual({ value: '203.0.113.7' });
    expect(read('LIVEKIT_NODE_IP', '2001:db8::1').message).toMatch(/^must be an IPv4 address/);
    expect(read('LIVEKIT_NODE_IP', 'serambi.example').message).toMatch(/^must be an IPv4 address/);
  });

  it('asks for secrets long enough for what checks them', () => {
    expect(read('AUTH_SECRET', 'x'.repeat(31))).toEqual({ message: 'must be at least 32 characters' });
    expect(read('AUTH_SECRET', 'x'.repeat(32))).toEqual({ value: 'x'.repeat(32) });
    expect(read('LIVEKIT_API_SECRET', 'short').message).toMatch(/LiveKit rejects shorter secrets/);
    expect(read('TURN_SECRET', 'short').message).toMatch(/static-auth-secret/);
    expect(read('METRICS_TOKEN', 'x'.repeat(15))).toEqual({ message: 'must be at least 16 characters' });
  });

  it('records with the built-in recorder and keeps a gigabyte free by default', () => {
    expect(read('RECORDING_BACKEND', undefined)).toEqual({ value: 'builtin' });
    expect(read('RECORDING_BACKEND', 'egress')).toEqual({ value: 'egress' });
    expect(read('RECORDING_BACKEND', 's3').message).toBeDefined();
    expect(read('RECORDING_MIN_FREE_MB', undefined)).toEqual({ value: 1024 });
    expect(read('RECORDING_MIN_FREE_MB', '0')).toEqual({ value: 0 });
    expect(read('RECORDING_MIN_FREE_MB', 'lots')).toEqual({ message: 'must be a number of megabytes' });
    expect(read('FFMPEG_PATH', undefined)).toEqual({ value: 'ffmpeg' });
  });

  it('delays certificates by at most a day', () => {
    expect(read('CERTIFICATE_ISSUE_DELAY_SECONDS', '86400')).toEqual({ value: 86_400 });
    expect(read('CERTIFICATE_ISSUE_DELAY_SECONDS', '86401').message).toBeDefined();
    expect(read('CERTIFICATE_ISSUE_DELAY_SECONDS', 'soon')).toEqual({ message: 'must be a number of seconds' });
  });

  it('reads TRUSTED_PROXIES as a comma-separated list, spaces and empty entries aside', () => {
    expect(read('TRUSTED_PROXIES', ' 10.0.0.0/8, 192.0.2.4 ,,2001:db8::/32 ')).toEqual({
      value: ['10.0.0.0/8', '192.0.2.4', '2001:db8::/32'],
    });
    expect(read('TRUSTED_PROXIES', undefined)).toEqual({ value: [] });
    expect(read('TRUSTED_PROXIES', '10.0.0.0/8, proxy.internal')).toEqual({
      message: 'must be IP addresses or CIDR ranges, separated by commas',
    });
  });

  it('takes only the switches and levels it knows', () => {
    expect(read('RATE_LIMITS', 'off')).toEqual({ value: 'off' });
    expect(read('RATE_LIMITS', 'false')).toEqual({ message: 'must be on or off' });
    expect(read('LOG_LEVEL', undefined)).toEqual({ value: 'info' });
    expect(read('LOG_LEVEL', 'silent')).toEqual({ value: 'silent' });
    expect(read('NODE_ENV', 'staging').message).toBeDefined();
  });
});
