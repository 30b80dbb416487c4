import type { Rect } from './canvas.ts';
import type { VideoSourceKind } from './protocol.ts';

/**
 * What the recording shows, decided without looking at pixels: a screen share fills the canvas
 * (with the speaker's camera small in a corner), otherwise the speaker's camera does. The
 * speaker is the director's pick, which changes only after a new voice has held the floor for
 * a while, so a short "yes" or a cough does not cut the picture away from whoever is talking.
 */

export interface DirectorOptions {
  /** How long someone must be the loudest, without a break, to take over. */
  takeoverMs?: number;
  /** How long the current speaker keeps the picture at least, once shown. */
  holdMs?: number;
}

export interface Director {
  /**
   * Tells the director who is loudest at `now` (undefined: nobody is speaking) and returns who
   * has the picture. Called on every tick with a monotonic time.
   */
  observe(loudest: string | undefined, now: number): string | undefined;
  /** Someone left: they stop being the speaker or a contender. */
  forget(identity: string): void;
  readonly speaker: string | undefined;
}

export function createDirector(options: DirectorOptions = {}): Director {
  const { takeoverMs = 1_500, holdMs = 3_000 } = options;
  let speaker: string | undefined;
  let speakerSince = 0;
  let contender: string | undefined;
  let contenderSince = 0;

  return {
    observe(loudest, now) {
      if (loudest === undefined || loudest === speaker) {
        contender = undefined;
      } else if (speaker === undefined) {
        // Nobody has the picture yet: the first voice takes it at once.
        speaker = loudest;
        speakerSince = now;
        contender = undefined;
      } else {
        if (contender !== loudest) {
          contender = loudest;
          contenderSince = now;
        }
        if (now - contenderSince >= takeoverMs && now - speakerSince >= holdMs) {
          speaker = contender;
          speakerSince = now;
          contender = undefined;
        }
      }
      return speaker;
    },
    forget(identity) {
      if (speaker === identity) speaker = undefined;
      if (contender === identity) contender = undefined;
    },
    get speaker() {
      return speaker;
    },
  };
}

export interface VideoFeed {
  /** The track's id. */
  id: string;
  identity: string;
  kind: VideoSourceKind;
  /** Increases with each subscription: later feeds have higher numbers. */
  order: number;
}

export interface Layout {
  /** The feed filling the canvas, or null for a dark canvas. */
  main: string | null;
  /** A camera in the corner over a screen share. */
  pictureInPicture: string | null;
}

export const EMPTY_LAYOUT: Layout = { main: null, pictureInPicture: null };

/**
 * - A screen share fills the canvas: the newest one, since sharing is a deliberate "look at this".
 *   The speaker's camera goes in the corner, or else the sharer's own camera.
 * - Otherwise the speaker's camera fills it; when the speaker has no camera, the camera shown
 *   before stays (no jump to someone silent), else the longest-published camera.
 * - Nobody has video: a dark canvas.
 */
export function chooseLayout(input: {
  feeds: Iterable<VideoFeed>;
  speaker: string | undefined;
  previous: Layout;
  pictureInPicture: boolean;
}): Layout {
  let screen: VideoFeed | undefined;
  const cameras: VideoFeed[] = [];
  for (const feed of input.feeds) {
    if (feed.kind === 'screen') {
      if (!screen || feed.order > screen.order) screen = feed;
    } else {
      cameras.push(feed);
    }
  }
  const cameraOf = (identity: string | undefined) =>
    identity === undefined ? undefined : cameras.find((feed) => feed.identity === identity);

  if (screen) {
    const corner = input.pictureInPicture ? (cameraOf(input.speaker) ?? cameraOf(screen.identity)) : undefined;
    return { main: screen.id, pictureInPicture: corner?.id ?? null };
  }
  const kept = cameras.find((feed) => feed.id === input.previous.main);
  const earliest = cameras.reduce<VideoFeed | undefined>(
    (first, feed) => (!first || feed.order < first.order ? feed : first),
    undefined,
  );
  const main = cameraOf(input.speaker) ?? kept ?? earliest;
  return { main: main?.id ?? null, pictureInPicture: null };
}

/** The corner a picture-in-picture camera takes: a quarter of the canvas width, bottom right, with a margin. */
export function pictureInPictureArea(canvas: { width: number; height: number }): Rect {
  const width = Math.floor(canvas.width / 8) * 2;
  const height = Math.floor(canvas.height / 8) * 2;
  const margin = Math.floor(canvas.height / 64) * 2;
  return { x: canvas.width - width - margin, y: canvas.height - height - margin, width, height };
}
