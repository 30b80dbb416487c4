import type { Locale } from '@serambi/shared';

/**
 * What a page says about itself to link previews (WhatsApp, Telegram, Facebook, X): crawlers
 * read the HTML the server sends and run no JavaScript, so these tags must be in index.html
 * as served, not added by the app.
 */
export interface LinkPreview {
  title: string;
  description: string;
  /** The page's address, absolute. */
  url: string;
  locale: Locale;
  image: { url: string; width: number; height: number; alt: string } | null;
}

const OG_LOCALES: Record<Locale, string> = { id: 'id_ID', en: 'en_GB' };

/**
 * index.html with the page's title, description and Open Graph tags in its head; the rest of
 * the file (scripts, styles) stays as built, so the app starts as on any other path.
 */
export function withLinkPreview(indexHtml: string, preview: LinkPreview | null): string {
  if (!preview) return indexHtml;
  const meta = (attribute: 'name' | 'property', key: string, content: string | number) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(String(content))}" />`;
  const tags = [
    `<title>${escapeHtml(preview.title)} · Serambi</title>`,
    meta('name', 'description', preview.description),
    `<link rel="canonical" href="${escapeHtml(preview.url)}" />`,
    meta('property', 'og:site_name', 'Serambi'),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', preview.title),
    meta('property', 'og:description', preview.description),
    meta('property', 'og:url', preview.url),
    meta('property', 'og:locale', OG_LOCALES[preview.locale]),
    ...(preview.image
      ? [
          meta('property', 'og:image', preview.image.url),
          meta('property', 'og:image:type', 'image/png'),
          meta('property', 'og:image:width', preview.image.width),
          meta('property', 'og:image:height', preview.image.height),
          meta('property', 'og:image:alt', preview.image.alt),
          meta('name', 'twitter:card', 'summary_large_image'),
        ]
      : [meta('name', 'twitter:card', 'summary')]),
  ];
  // Replacer functions, not strings: a "$&" in a title must stay text, not become a back-reference.
  return indexHtml
    .replace(/<title>[\s\S]*?<\/title>\s*/i, () => '')
    .replace(/<meta\s+name="description"[\s\S]*?\/?>\s*/i, () => '')
    .replace(/\s*<\/head>/i, () => `\n    ${tags.join('\n    ')}\n  </head>`);
}

/** For text and attribute values alike: nothing in it can end the tag or the attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A description fit for a preview: one paragraph, cut at a word near `max` characters. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
