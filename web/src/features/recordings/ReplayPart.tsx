import type { ReplayPart as ReplayPartData } from '@serambi/shared';
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, Show, untrack } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { chapterAt, formatMediaTime } from './media-time.ts';

/** How many times a part's video is fetched again after its signed address stopped working. */
const MAX_ADDRESS_RENEWALS = 1;

/**
 * One recorded part: the video, full width at 16:9 on any screen, and its chapters (the questions
 * answered while it ran) as buttons that jump there and play; the one playing is marked.
 */
export function ReplayPart(props: {
  part: ReplayPartData;
  title: string;
  /** With several parts each says which it is. */
  numbered: boolean;
  /** Fetches the replay again, for fresh signed addresses. */
  renewAddresses: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const chaptersId = createUniqueId();
  let video!: HTMLVideoElement;
  let renewals = 0;
  const [failed, setFailed] = createSignal(false);
  const [time, setTime] = createSignal(0);
  const [started, setStarted] = createSignal(false);
  let resumeAt: number | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
  });

  /**
   * Gives the video its address once it is in the page (Chromium refuses to load media for an
   * element still in the template Solid clones it from), and only then: the address is signed
   * anew on every fetch of the replay, and a new one would restart a playing video.
   */
  const load = (address: string, at?: number) => {
    if (disposed) return;
    if (!video.isConnected) return void requestAnimationFrame(() => load(address, at));
    resumeAt = at;
    video.src = address;
  };
  // Another part in this place (one before it was deleted) starts over with its own address.
  createEffect(
    on(
      () => props.part.id,
      () => {
        renewals = 0;
        setFailed(false);
        setStarted(false);
        load(props.part.mediaUrl);
      },
    ),
  );

  /** A signed address that ran out: fetch fresh ones once and go on where the video was. */
  const onError = async () => {
    if (renewals >= MAX_ADDRESS_RENEWALS) return setFailed(true);
    renewals += 1;
    const at = video.currentTime;
    await props.renewAddresses();
    load(
      untrack(() => props.part.mediaUrl),
      at,
    );
  };
  const onLoadedMetadata = () => {
    // Played again: a later address may run out as well.
    renewals = 0;
    setFailed(false);
    if (resumeAt) video.currentTime = resumeAt;
    resumeAt = undefined;
  };
  const jumpTo = (seconds: number) => {
    video.currentTime = seconds;
    setTime(seconds);
    setStarted(true);
    // A browser that refuses to start playing without a gesture of its own leaves the video paused there.
    void video.play().catch(() => undefined);
  };
  const current = () => (started() ? chapterAt(props.part.chapters, time()) : -1);
  const label = () =>
    props.numbered
      ? t('replay.videoLabelPart', { title: props.title, number: props.part.part })
      : t('replay.videoLabel', { title: props.title });

  return (
    <article class="replay-part" data-testid="replay-part" data-part={props.part.part}>
      <Show when={props.numbered}>
        <h3 class="replay-part__heading">{t('replay.part', { number: props.part.part })}</h3>
      </Show>
      <Show when={props.part.partial}>
        <p class="replay-part__partial" data-testid="replay-partial">
          {t('replay.partial')}
        </p>
      </Show>
      <div class="replay-part__frame">
        {/* biome-ignore lint/a11y/useMediaCaption: recordings have no caption track yet; the chapters name what is answered. */}
        <video
          ref={video}
          class="replay-part__video"
          data-testid="replay-video"
          poster={props.part.posterUrl ?? undefined}
          controls
          playsinline
          preload="metadata"
          aria-label={label()}
          onLoadedMetadata={onLoadedMetadata}
          onPlay={() => setStarted(true)}
          onTimeUpdate={() => setTime(video.currentTime)}
          onSeeked={() => setTime(video.currentTime)}
          onError={() => void onError()}
        />
      </div>
      <Show when={failed()}>
        <p class="notice notice--problem" role="alert">
          {t('replay.playFailed')}
        </p>
      </Show>
      <Show when={props.part.downloadUrl}>
        {(href) => (
          <p class="replay-part__download">
            <a class="button button--small" href={href()} rel="external" download="" data-testid="replay-download">
              <DownloadIcon />
              {props.numbered ? t('replay.downloadPart', { number: props.part.part }) : t('replay.download')}
            </a>
          </p>
        )}
      </Show>
      <Show when={props.part.chapters.length > 0}>
        <section class="replay-chapters" aria-labelledby={chaptersId}>
          <h3 id={chaptersId} class="replay-chapters__heading">
            {t('replay.chapters')}
          </h3>
          <p class="replay-chapters__hint">{t('replay.chaptersHint')}</p>
          <ol class="replay-chapters__list">
            <For each={props.part.chapters}>
              {(chapter, index) => (
                <li>
                  <button
                    type="button"
                    class="replay-chapter"
                    data-testid="replay-chapter"
                    data-at={chapter.at}
                    aria-current={current() === index() ? 'true' : undefined}
                    onClick={() => jumpTo(chapter.at)}
                  >
                    <span class="replay-chapter__time">{formatMediaTime(chapter.at)}</span>
                    <span class="replay-chapter__title">
                      {chapter.kind === 'breakout'
                        ? t('replay.breakoutChapter', { tables: chapter.title })
                        : chapter.title}
                    </span>
                    <Show when={current() === index()}>
                      <span class="visually-hidden"> ({t('replay.nowPlaying')})</span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
    </article>
  );
}
