import { intlLocaleOf, type Locale } from '@serambi/shared';
import { type MessageKey, translate } from '@serambi/shared/i18n';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { DevOutboxRow } from './schema.ts';

/*
 * The dev outbox pages. Everything in a message is someone's text (a registrant's name in a
 * subject, an organizer's description in a body), so every value goes through `html`, which
 * escapes it; a message's own HTML is shown only inside a sandboxed iframe's srcdoc.
 */

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

export function outboxListPage(locale: Locale, messages: DevOutboxRow[], limit: number): Page {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const rows = messages.map(
    (m) => html`<tr>
      <td><a href="/dev/outbox/${m.id}">${m.subject}</a></td>
      <td>${m.to}</td>
      <td>${timeOf(locale, m.createdAt)}</td>
    </tr>`,
  );
  const body =
    messages.length === 0
      ? html`<p>${t('outbox.empty')}</p>`
      : html`<table>
          <caption>${t('outbox.newest', { count: limit })}</caption>
          <thead><tr><th scope="col">${t('outbox.subject')}</th><th scope="col">${t('outbox.to')}</th><th scope="col">${t('outbox.time')}</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>`;
  return layout(
    locale,
    t('outbox.title'),
    html`<h1>${t('outbox.title')}</h1><p class="notice">${t('outbox.notice')}</p>${body}`,
  );
}

export function outboxMessagePage(locale: Locale, message: DevOutboxRow): Page {
  const t = (key: MessageKey) => translate(locale, key);
  const attachments = message.attachments.map(
    (a, index) => html`<li>
      <a href="/dev/outbox/${message.id}/attachments/${index}" download="${a.filename}">${a.filename}</a>
      <span class="muted">(${a.contentType}, ${Math.ceil((a.contentBase64.length * 3) / 4 / 1024)} KB)</span>
    </li>`,
  );
  const body = html`<p><a href="/dev/outbox">← ${t('outbox.back')}</a></p>
    <h1>${message.subject}</h1>
    <dl>
      <dt>${t('outbox.from')}</dt><dd>${message.from}</dd>
      <dt>${t('outbox.to')}</dt><dd>${message.to}</dd>
      <dt>${t('outbox.time')}</dt><dd>${timeOf(locale, message.createdAt)}</dd>
    </dl>
    ${attachments.length > 0 ? html`<h2>${t('outbox.attachments')}</h2><ul>${attachments}</ul>` : ''}
    <h2>${t('outbox.htmlVersion')}</h2>
    <iframe sandbox srcdoc="${message.html}" title="${t('outbox.htmlFrameTitle')}"></iframe>
    <h2>${t('outbox.textVersion')}</h2>
    <pre>${message.text}</pre>`;
  return layout(locale, `${message.subject} · ${t('outbox.title')}`, body);
}

export function outboxNotFoundPage(locale: Locale): Page {
  const t = (key: MessageKey) => translate(locale, key);
  return layout(
    locale,
    t('outbox.title'),
    html`<p><a href="/dev/outbox">← ${t('outbox.back')}</a></p><h1>${t('outbox.notFound')}</h1>`,
  );
}

function layout(locale: Locale, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>): Page {
  return html`<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title}</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1f2937; }
      table { border-collapse: collapse; width: 100%; }
      caption { text-align: left; color: #6b7280; padding-bottom: .5rem; }
      th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e5e7eb; overflow-wrap: anywhere; }
      .notice { background: #fef3c7; padding: .6rem .8rem; border-radius: .4rem; }
      .muted { color: #6b7280; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
      dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
      iframe { width: 100%; height: 48rem; resize: vertical; border: 1px solid #d1d5db; border-radius: .4rem; background: #fff; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; padding: .8rem; border-radius: .4rem; }
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>
`;
}

function timeOf(locale: Locale, instant: Date) {
  const formatted = new Intl.DateTimeFormat(intlLocaleOf(locale), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  }).format(instant);
  return html`<time datetime="${instant.toISOString()}">${formatted} UTC</time>`;
}
