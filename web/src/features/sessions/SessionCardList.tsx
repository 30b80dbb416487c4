import type { Session } from '@serambi/shared';
import { createMemo, createUniqueId, For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { createNow } from '../time/create-now.ts';
import { SessionCard } from './SessionCard.tsx';
import { isPast } from './seats.ts';

/** Sessions split into upcoming (soonest first) and past (latest first). */
export function SessionCardList(props: {
  sessions: Session[];
  hrefOf: (session: Session) => string;
  actionsOf?: (session: Session) => JSX.Element;
  emptyUpcoming: string;
}) {
  const { t } = useI18n();
  const now = createNow(60_000);
  const upcomingId = createUniqueId();
  const pastId = createUniqueId();
  const split = createMemo(() => {
    const byStart = [...props.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return {
      upcoming: byStart.filter((session) => !isPast(session, now())),
      past: byStart.filter((session) => isPast(session, now())).reverse(),
    };
  });
  return (
    <>
      <section aria-labelledby={upcomingId} class="session-group">
        <h2 id={upcomingId} class="section-heading">
          {t('sessions.upcoming')}
        </h2>
        <Show when={split().upcoming.length > 0} fallback={<p class="empty-state">{props.emptyUpcoming}</p>}>
          <ul class="session-cards">
            <For each={split().upcoming}>
              {(session) => (
                <SessionCard session={session} href={props.hrefOf(session)} actions={props.actionsOf?.(session)} />
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={split().past.length > 0}>
        <section aria-labelledby={pastId} class="session-group">
          <h2 id={pastId} class="section-heading">
            {t('sessions.past')}
          </h2>
          <ul class="session-cards session-cards--past">
            <For each={split().past}>
              {(session) => (
                <SessionCard session={session} href={props.hrefOf(session)} actions={props.actionsOf?.(session)} />
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
