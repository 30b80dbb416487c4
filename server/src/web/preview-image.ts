import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { formatSessionTime, type Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { loadFontMetrics } from '../certificates/font-metrics.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { PREVIEW_FONT_FAMILY, type PreviewCard, type PreviewFonts, previewSvg } from './preview-svg.ts';

/**
 * Link-preview pictures of sessions as PNG. Inter comes from an npm package rather than the
 * system, so every machine draws the same picture, fonts or not.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  semibold: require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
  bold: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
} satisfies Record<keyof PreviewFonts, string>;

/** A session's state worth saying in a preview; scheduled (the usual case) says nothing. */
export function noteworthyStatus(session: SessionRow): 'live' | 'ended' | 'cancelled' | null {
  const { status } = session;
  return status === 'live' || status === 'ended' || status === 'cancelled' ? status : null;
}

/** What the picture of a session shows, in one language. */
export function sessionPreviewCard(session: SessionRow, communityName: string, locale: Locale): PreviewCard {
  const tone = noteworthyStatus(session);
  return {
    title: session.title,
    community: communityName,
    when: formatSessionTime({ ...session, locale }).session.text,
    status: tone ? { label: translate(locale, `linkPreview.${tone}`), tone } : null,
    tagline: translate(locale, 'app.tagline'),
  };
}

/**
 * Changes whenever the picture would: put in the picture's address so chat apps, which keep a
 * picture per address for days, fetch the new one after a session moves or is renamed.
 */
export function previewCardVersion(card: PreviewCard): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 12);
}

export interface PreviewRenderer {
  png(card: PreviewCard): Promise<Buffer>;
}

/**
 * Draws pictures off the event loop (resvg's thread pool) and keeps the last few in memory:
 * a link shared in a big group is fetched by many previews at once, and drawing one costs
 * tens of milliseconds. Pictures being drawn are shared too, so a burst draws each once.
 */
export function createPreviewRenderer(options: { cacheSize: number }): PreviewRenderer {
  // resvg and the fonts' metrics are loaded with the first picture, not at start.
  let fonts: PreviewFonts | undefined;
  const cache = new Map<string, Promise<Buffer>>();
  const render = async (card: PreviewCard) => {
    const { renderAsync } = await import('@resvg/resvg-js');
    fonts ??= {
      regular: loadFontMetrics(FONT_FILES.regular),
      semibold: loadFontMetrics(FONT_FILES.semibold),
      bold: loadFontMetrics(FONT_FILES.bold),
    };
    const image = await renderAsync(previewSvg(card, fonts), {
      font: { fontFiles: Object.values(FONT_FILES), loadSystemFonts: false, defaultFontFamily: PREVIEW_FONT_FAMILY },
      fitTo: { mode: 'original' },
    });
    return image.asPng();
  };
  return {
    png(card) {
      const key = JSON.stringify(card);
      const cached = cache.get(key);
      if (cached) {
        // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      const drawing = render(card);
      cache.set(key, drawing);
      drawing.catch(() => cache.delete(key));
      for (const oldest of cache.keys()) {
        if (cache.size <= options.cacheSize) break;
        cache.delete(oldest);
      }
      return drawing;
    },
  };
}
