import type { Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { html } from 'hono/html';

export interface MailContent {
  heading: string;
  /** Each one a paragraph; a line break inside one stays a line break. */
  paragraphs: string[];
  /** The one thing the reader should do, as a button (and as a plain link under it). */
  action?: { label: string; url: string };
  /** Why they get this mail, who sent it. */
  footer: string;
}

export interface RenderedMail {
  html: string;
  text: string;
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
// The web app's accent (web/src/styles.css --color-accent), so a mail looks like it came from the page people registered on.
const ACCENT = '#b4532a';
const MUTED = '#6b7280';

/**
 * The one look of Serambi's mails: a single column that fits a phone, inline styles because
 * many mail clients drop <style>, every interpolated text escaped, and a plain-text twin.
 */
export function renderMail(locale: Locale, content: MailContent): RenderedMail {
  if (content.action) assertWebUrl(content.action.url);
  return { html: renderHtml(locale, content), text: renderText(content) };
}

function renderHtml(locale: Locale, content: MailContent): string {
  const { heading, paragraphs, action, footer } = content;
  const paragraph = (text: string) =>
    html`<p style="margin:0 0 16px;font-size:16px;line-height:1.6;">${lines(text)}</p>`;
  const button = action
    ? html`<p style="margin:24px 0 8px;">
          <a href="${action.url}" style="display:inline-block;background:${ACCENT};color:#ffffff;text-decoration:none;font-weight:600;font-size:16px;padding:12px 22px;border-radius:8px;">${action.label}</a>
        </p>
        <p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:${MUTED};">
          ${translate(locale, 'mail.actionFallback')}<br />
          <a href="${action.url}" style="color:${ACCENT};word-break:break-all;">${action.url}</a>
        </p>`
    : '';
  return html`<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>${heading}</title>
  </head>
  <body style="margin:0;padding:0;background:#f4f1ea;">
    <div style="max-width:560px;margin:0 auto;padding:24px 12px;font-family:${FONT};color:#1f2937;">
      <div style="background:#ffffff;border-radius:12px;padding:28px 24px;">
        <h1 style="margin:0 0 20px;font-size:22px;line-height:1.3;">${heading}</h1>
        ${paragraphs.map(paragraph)}
        ${button}
      </div>
      <p style="margin:16px 8px 0;font-size:13px;line-height:1.5;color:${MUTED};text-align:center;">${lines(footer)}</p>
    </div>
  </body>
</html>
`.toString();
}

function renderText(content: MailContent): string {
  const parts = [content.heading, ...content.paragraphs];
  if (content.action) parts.push(`${content.action.label}:\n${content.action.url}`);
  // "-- " is the signature separator mail clients recognise.
  parts.push(`-- \n${content.footer}`);
  return `${parts.join('\n\n')}\n`;
}

/** Escapes each line and joins them with <br>, so a line break the writer meant survives. */
function lines(text: string) {
  return text.split(/\r?\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br />${line}`));
}

/** Only links a mail reader can safely follow: no javascript:, data: or relative URLs. */
function assertWebUrl(url: string): void {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new Error(`A mail action needs an http(s) URL, got "${url}"`);
}
