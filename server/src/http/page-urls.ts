/**
 * Addresses of the web app's public pages, as mails, calendar entries and link previews point
 * to them; the web router (web/src/app) must answer the same paths.
 */
export function sessionPageUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/s/${encodeURIComponent(slug)}`;
}

export function communityPageUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/c/${encodeURIComponent(slug)}`;
}

export function seriesPageUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/series/${encodeURIComponent(id)}`;
}
