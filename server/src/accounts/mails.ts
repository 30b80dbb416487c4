import { translate } from '@serambi/shared/i18n';
import type { Database } from '../db/client.ts';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import type { SendAccountMail } from './auth.ts';

/** Verification and password-reset mails, queued as jobs so an SMTP hiccup only delays them. */
export function accountMailSender(db: Database, now: () => Date): SendAccountMail {
  return async (kind, to, url) => {
    const key = kind === 'verify-email' ? 'verify' : 'reset';
    const l = to.locale;
    await queueMail(
      db,
      {
        to: to.email,
        subject: translate(l, `mail.${key}.subject`),
        ...renderMail(l, {
          heading: translate(l, `mail.${key}.heading`),
          paragraphs: [
            translate(l, 'mail.greeting', { name: to.name }),
            translate(l, `mail.${key}.body`),
            translate(l, `mail.${key}.ignore`),
          ],
          action: { label: translate(l, `mail.${key}.action`), url },
          footer: translate(l, 'mail.footerAccount', { email: to.email }),
        }),
      },
      { runAt: now() },
    );
  };
}
