import { formatSessionTime, type Locale } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';
import { authorizeCommunity, authorizeCommunityById } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { communityPageUrl, seriesPageUrl, sessionPageUrl } from '../http/page-urls.ts';
import { findSeries, seriesSessions } from '../series/service.ts';
import { canSeeSession, isListedPublicly } from '../sessions/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { listCommunitySessions, visibleSession } from '../sessions/service.ts';
import { excerpt, type LinkPreview } from './head-tags.ts';
import { noteworthyStatus, previewCardVersion, sessionPreviewCard } from './preview-image.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from './preview-svg.ts';

/**
 * Link previews of the public pages: a session (/s/:slug), a community (/c/:slug) and a series
 * (/series/:id). Each says only what anybody may see; for anything else the answer is null and
 * the page is served as it is built, so a preview never tells that a private session exists.
 */
export interface LinkPreviews {
  session(slug: string, locale: Locale): Promise<LinkPreview | null>;
  community(slug: string, locale: Locale): Promise<LinkPreview | null>;
  series(id: string, locale: Locale): Promise<LinkPreview | null>;
}

export interface UnfurlDeps {
  db: Database;
  publicUrl: string;
  now: () => Date;
}

const anybody = { communityRole: null, sessionRole: null } as const;

export function createLinkPreviews(deps: UnfurlDeps): LinkPreviews {
  const { db, publicUrl } = deps;
  const when = (session: SessionRow, locale: Locale) => formatSessionTime({ ...session, locale }).session.text;

  /** The session's picture; its address changes with what it shows, so chat apps fetch the new one. */
  const imageOf = (session: SessionRow, communityName: string, locale: Locale) => {
    const card = sessionPreviewCard(session, communityName, locale);
    const query = new URLSearchParams({ lang: locale, v: previewCardVersion(card) });
    return {
      url: `${publicUrl}/api/sessions/${encodeURIComponent(session.slug)}/preview.png?${query.toString()}`,
      width: PREVIEW_WIDTH,
      height: PREVIEW_HEIGHT,
      alt: `${session.title} · ${when(session, locale)}`,
    };
  };

  /** What comes up next, or else the last one: the session a shared community or series link is about. */
  const nextOf = (sessions: SessionRow[]) => {
    const now = deps.now().getTime();
    const ahead = sessions.filter(
      (s) => s.status !== 'cancelled' && s.startsAt.getTime() + s.durationMinutes * 60_000 > now,
    );
    return ahead.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0] ?? sessions.at(-1) ?? null;
  };

  return {
    async session(slug, locale) {
      const found = await unlessMissing(visibleSession(db, slug, null));
      if (!found) return null;
      const { session } = found;
      const { community } = await authorizeCommunityById(db, session.communityId, null, 'view');
      const tone = noteworthyStatus(session);
      const status = tone ? [translate(locale, `linkPreview.${tone}`)] : [];
      const about = [
        ...status,
        when(session, locale),
        translate(locale, 'linkPreview.sessionBy', { community: community.name }),
      ];
      return {
        title: session.title,
        description: excerpt([`${about.join(' · ')}.`, session.description].join(' ')),
        url: sessionPageUrl(publicUrl, session.slug),
        locale,
        image: imageOf(session, community.name, locale),
      };
    },

    async community(slug, locale) {
      const found = await unlessMissing(authorizeCommunity(db, slug, null, 'view'));
      if (!found) return null;
      const { community } = found;
      const next = nextOf((await listCommunitySessions(db, community)).filter(isListedPublicly));
      const intro =
        community.description || translate(locale, 'linkPreview.communityFallback', { community: community.name });
      const upcoming = next
        ? translate(locale, 'linkPreview.nextSession', { title: next.title, time: when(next, locale) })
        : '';
      return {
        title: community.name,
        // The next session first: a long community description must not push it out of the excerpt.
        description: excerpt([upcoming, intro].filter(Boolean).join(' ')),
        url: communityPageUrl(publicUrl, community.slug),
        locale,
        image: next ? imageOf(next, community.name, locale) : null,
      };
    },

    async series(id, locale) {
      const series = await unlessMissing(findSeries(db, id));
      if (!series) return null;
      const visible = (await seriesSessions(db, series.id)).filter((s) => canSeeSession(s, anybody));
      const next = nextOf(visible);
      if (!next) return null;
      const { community } = await authorizeCommunityById(db, series.communityId, null, 'view');
      const parts = [
        translate(locale, 'linkPreview.seriesSessions', { count: visible.length, community: community.name }),
        translate(locale, 'linkPreview.nextSession', { title: next.title, time: when(next, locale) }),
        series.description,
      ];
      return {
        title: series.title,
        description: excerpt(parts.join(' ')),
        url: seriesPageUrl(publicUrl, series.id),
        locale,
        image: imageOf(next, community.name, locale),
      };
    },
  };
}

/** Not found is an expected answer here (a mistyped or private address), not an error. */
async function unlessMissing<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}
