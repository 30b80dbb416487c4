import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '@serambi/server/config.ts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  caddyBinary,
  nginxInstallation,
  type Rendered,
  renderDeployment,
  repoRoot,
  run,
  shellcheckBinary,
  systemdAnalyzeBinary,
} from '../support/deploy.ts';

const SCRIPTS = ['setup', '.ci/run', 'deploy/install.sh', 'deploy/turn-cert.sh', 'deploy/run.sh'];

const folders: string[] = [];
const aFolder = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-deploy-test-'));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const rendered = (options: Parameters<typeof renderDeployment>[0] = {}): Rendered =>
  renderDeployment({ root: aFolder(), ...options });

describe('the scripts that set up a machine', () => {
  it.each(SCRIPTS)('%s is valid bash that ShellCheck finds nothing in', (script) => {
    const file = path.join(repoRoot, script);
    expect(run('bash', ['-n', file]).stderr).toBe('');
    const checked = run(shellcheckBinary(), ['--shell=bash', '--external-sources', file]);
    expect(checked.stdout).toBe('');
    expect(checked.status).toBe(0);
  });
});

describe('deploy/install.sh --render: the files of one server', () => {
  it('writes each file with one generated TURN secret, the secret files readable by their service only', () => {
    const deployment = rendered();
    const env = deployment.env('/etc/serambi/serambi.env');
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://serambi.example.id',
      HOST: '127.0.0.1',
      PORT: '3000',
      DATA_DIR: '/var/lib/serambi',
      TURN_DOMAIN: 'turn.serambi.example.id',
      TURN_UDP_PORT: '3478',
      TURN_TLS_PORT: '443',
      MAIL_FROM: 'Serambi <no-reply@serambi.example.id>',
    });
    expect(env.TURN_SECRET).toMatch(/^[A-Za-z0-9]{48}$/);
    const turnserver = deployment.file('/etc/serambi/turnserver.conf');
    expect(turnserver).toContain(`\nstatic-auth-secret=${env.TURN_SECRET}\n`);
    expect(turnserver).toContain('\nrealm=turn.serambi.example.id\n');
    expect(deployment.file('/etc/nginx/modules-enabled/60-serambi-sni.conf')).toContain(
      '\t\tturn.serambi.example.id 127.0.0.1:5350;\n',
    );
    expect(deployment.env('/etc/serambi/caddy.env')).toEqual({
      SERAMBI_DOMAIN: 'serambi.example.id',
      TURN_DOMAIN: 'turn.serambi.example.id',
      ACME_EMAIL: 'admin@example.id',
      SERAMBI_PORT: '3000',
    });
    const mode = (file: string) => (statSync(path.join(deployment.root, file)).mode & 0o777).toString(8);
    expect(mode('/etc/serambi/serambi.env')).toBe('600');
    expect(mode('/etc/serambi/turnserver.conf')).toBe('640');
    // Every placeholder of every template got its value.
    for (const file of run('find', [deployment.root, '-type', 'f']).stdout.trim().split('\n')) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@[A-Z_]+@/);
    }
  });

  it('changes nothing when run again, keeping the secret, and refuses to move the server to another domain', () => {
    const deployment = rendered();
    const snapshot = () => run('find', [deployment.root, '-type', 'f', '-exec', 'sha256sum', '{}', '+']).stdout;
    const before = snapshot();
    renderDeployment({ root: deployment.root });
    expect(snapshot()).toBe(before);

    const moved = run(path.join(repoRoot, 'deploy/install.sh'), [
      '--render',
      deployment.root,
      'lain.example.id',
      'admin@example.id',
    ]);
    expect(moved.status).toBe(1);
    expect(moved.stderr).toContain(
      'This server is set up for https://serambi.example.id (PUBLIC_URL in ' +
        `${deployment.root}/etc/serambi/serambi.env). To move it to https://lain.example.id, change PUBLIC_URL there first.`,
    );
    expect(snapshot()).toBe(before);
  });

  it('names what is wrong with its arguments and writes nothing', () => {
    const root = aFolder();
    const install = (...args: string[]) => run(path.join(repoRoot, 'deploy/install.sh'), ['--render', root, ...args]);
    expect(install('serambi', 'admin@example.id').stderr).toContain('"serambi" is not a domain name');
    expect(install('serambi.example.id', 'admin').stderr).toContain('"admin" is not an email address');
    expect(install('serambi.example.id').status).toBe(2);
    expect(run('find', [root, '-type', 'f']).stdout).toBe('');
  });

  it('starts Serambi in production from the environment file, and without SMTP_URL names it in one line', () => {
    // The server's public address, given: this machine has none of its own to find (a documentation address, never contacted).
    const nodeIp = { LIVEKIT_NODE_IP: '203.0.113.10' };
    const env = rendered({ env: { ...nodeIp, SMTP_URL: 'smtps://serambi:rahasia@smtp.example.id:465' } }).env(
      '/etc/serambi/serambi.env',
    );
    const config = loadConfig(env);
    expect(config).toMatchObject({
      production: true,
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'https://serambi.example.id',
      dataDir: '/var/lib/serambi',
      smtpUrl: 'smtps://serambi:rahasia@smtp.example.id:465',
      metricsToken: undefined,
      rateLimits: true,
    });
    expect(config.livekit).toMatchObject({ mode: 'local', media: { reach: 'public', nodeIp: '203.0.113.10' } });
    const withoutMail = rendered({ env: nodeIp }).env('/etc/serambi/serambi.env');
    expect(withoutMail.SMTP_URL).toBe('');
    expect(() => loadConfig(withoutMail)).toThrow(ConfigError);
    expect(() => loadConfig(withoutMail)).toThrow(/^Configuration error: SMTP_URL is required in production [^\n]*\.$/);
  });
});

describe('the configuration the services read', () => {
  it('is a valid Caddyfile: Serambi’s domain proxied behind the PROXY protocol on 127.0.0.1:8443, port 80 open', () => {
    const deployment = rendered();
    const caddyEnv = {
      ...deployment.env('/etc/serambi/caddy.env'),
      XDG_DATA_HOME: aFolder(),
      XDG_CONFIG_HOME: aFolder(),
    };
    const caddyfile = path.join(deployment.root, 'etc/serambi/Caddyfile');
    const validated = run(caddyBinary(), ['validate', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env: caddyEnv,
    });
    expect(validated.stdout + validated.stderr).toContain('Valid configuration');
    expect(validated.status).toBe(0);

    const adapted = JSON.parse(
      run(caddyBinary(), ['adapt', '--config', caddyfile, '--adapter', 'caddyfile'], { env: caddyEnv }).stdout,
    );
    const servers = Object.values(adapted.apps.http.servers) as Array<Record<string, unknown>>;
    expect(servers.map((server) => server.listen)).toEqual([['127.0.0.1:8443'], [':80']]);
    expect(servers[0]?.listener_wrappers).toEqual([
      { wrapper: 'proxy_protocol', allow: ['127.0.0.1/32'], timeout: 5_000_000_000 },
      { wrapper: 'tls' },
    ]);
    expect(JSON.stringify(servers[0])).toContain('"dial":"127.0.0.1:3000"');
  });

  it('is a valid nginx configuration for the SNI router, as Debian’s nginx.conf includes it', () => {
    const deployment = rendered();
    const { binary, streamModule } = nginxInstallation();
    const prefix = aFolder();
    // Debian's nginx.conf, reduced to what concerns a stream block: modules-enabled at the top level.
    writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        `load_module ${streamModule};`,
        `pid ${prefix}/nginx.pid;`,
        'events {}',
        `include ${deployment.root}/etc/nginx/modules-enabled/*.conf;`,
        '',
      ].join('\n'),
    );
    const tested = run(binary, ['-t', '-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr']);
    expect(tested.stderr).toContain('test is successful');
    expect(tested.status).toBe(0);
  });

  it.skipIf(!systemdAnalyzeBinary())('has systemd units that systemd-analyze verify finds nothing in', () => {
    const deployment = rendered();
    const units = ['serambi.service', 'serambi-turn-cert.service', 'serambi-turn-cert.timer'].map((unit) =>
      path.join(deployment.root, 'etc/systemd/system', unit),
    );
    const verified = run(systemdAnalyzeBinary() ?? 'systemd-analyze', ['verify', ...units]);
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);
  });
});

describe('deploy/turn-cert.sh: the TURN name’s certificate from Caddy to coturn', () => {
  const aCaddyCertificate = (caddyData: string, issuer: string, content: string) => {
    const dir = path.join(caddyData, 'certificates', issuer, 'turn.serambi.example.id');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'turn.serambi.example.id.crt'), `${content} certificate\n`);
    writeFileSync(path.join(dir, 'turn.serambi.example.id.key'), `${content} key\n`);
  };

  it('copies a new certificate, has coturn reload it, and does nothing while it is unchanged', () => {
    const caddyData = aFolder();
    const target = path.join(aFolder(), 'turn-tls');
    const fakeBin = aFolder();
    const calls = path.join(fakeBin, 'calls');
    // A stand-in for systemctl that writes down what it was asked: coturn is running.
    writeFileSync(path.join(fakeBin, 'systemctl'), `#!/bin/sh\necho "$*" >> ${calls}\n`, { mode: 0o755 });
    const syncCertificate = () =>
      run(path.join(repoRoot, 'deploy/turn-cert.sh'), ['turn.serambi.example.id'], {
        env: {
          CADDY_DATA_DIR: caddyData,
          TURN_TLS_DIR: target,
          TURN_GROUP: run('id', ['-gn']).stdout.trim(),
          PATH: `${fakeBin}:${process.env.PATH}`,
        },
      });
    const systemctlCalls = () => {
      try {
        return readFileSync(calls, 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    };

    // Before Caddy has it: nothing to do, and a word on why.
    expect(syncCertificate().stderr).toContain('No certificate for turn.serambi.example.id');
    expect(systemctlCalls()).toEqual([]);

    aCaddyCertificate(caddyData, 'acme-v02.api.letsencrypt.org-directory', 'first');
    expect(syncCertificate().status).toBe(0);
    expect(readFileSync(path.join(target, 'fullchain.pem'), 'utf8')).toBe('first certificate\n');
    expect(readFileSync(path.join(target, 'privkey.pem'), 'utf8')).toBe('first key\n');
    expect((statSync(path.join(target, 'privkey.pem')).mode & 0o777).toString(8)).toBe('640');
    // coturn started without a certificate opens no TLS port: a restart, not a reload.
    expect(systemctlCalls()).toEqual(['--quiet is-active coturn.service', 'restart coturn.service']);

    syncCertificate();
    expect(systemctlCalls()).toHaveLength(2);

    // A renewal (here from the other authority Caddy falls back to): the newest wins, coturn reloads.
    aCaddyCertificate(caddyData, 'acme.zerossl.com-v2-dv90', 'renewed');
    syncCertificate();
    expect(readFileSync(path.join(target, 'fullchain.pem'), 'utf8')).toBe('renewed certificate\n');
    expect(systemctlCalls().slice(2)).toEqual([
      '--quiet is-active coturn.service',
      'kill --kill-whom=main --signal=SIGUSR2 coturn.service',
    ]);
  });
});
