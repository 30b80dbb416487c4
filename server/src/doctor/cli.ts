/**
 * `pnpm doctor [--mail you@example.id] [--lang id|en] [--cert-days N]`: checks a running Serambi
 * from a participant's side, with the environment of the service (`sudo deploy/run.sh pnpm
 * doctor`). Prints one line per check (✓ passed, ✗ failed with its fix, – skipped) in the
 * operator's language; exit status 1 when any check failed, 2 for a wrong command line.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.ts';
import { DOCTOR_MESSAGES, doctorLanguage } from './messages.ts';
import { exitCodeOf, formatResult, summaryOf } from './report.ts';

const DEFAULT_CERTIFICATE_DAYS = 14;

const { values, positionals } = parseArgs({
  options: {
    mail: { type: 'string' },
    lang: { type: 'string' },
    'cert-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
  strict: false,
});

const language = doctorLanguage(typeof values.lang === 'string' ? values.lang : undefined, process.env);
const t = DOCTOR_MESSAGES[language ?? 'en'];
const mailTo = typeof values.mail === 'string' ? values.mail : undefined;
const certificateDays = Number(values['cert-days'] ?? DEFAULT_CERTIFICATE_DAYS);
const wrongLine =
  values.help ||
  !language ||
  positionals.some((arg) => arg !== '--') ||
  Object.keys(values).some((name) => !['mail', 'lang', 'cert-days', 'help'].includes(name)) ||
  (values.mail !== undefined && !z.email().safeParse(mailTo).success) ||
  !Number.isInteger(certificateDays) ||
  certificateDays < 0;
if (wrongLine) {
  console.error(t.usage);
  process.exit(values.help ? 0 : 2);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
// rtc-node logs at debug level onto standard output outside production: keep the table readable.
process.env.NODE_ENV = 'production';
const { runDoctor } = await import('./run.ts');
const { dispose } = await import('@livekit/rtc-node');

console.log(t.heading(config.publicUrl));
console.log('');
const results = await runDoctor(
  { config, t, now: () => new Date(), report: (result) => console.log(formatResult(result, t)) },
  { mailTo, certificateDays },
);
console.log('');
console.log(summaryOf(results, t));
await dispose();
process.exit(exitCodeOf(results));
