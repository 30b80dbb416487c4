import { describe, expect, it } from 'vitest';
import { chooseLayout, createDirector, EMPTY_LAYOUT, pictureInPictureArea, type VideoFeed } from './layout.ts';

/** Feeds `loudest` to the director every 20 ms from `from` to `to` (exclusive); returns who had the picture. */
function speak(director: ReturnType<typeof createDirector>, loudest: string | undefined, from: number, to: number) {
  let shown: string | undefined;
  for (let at = from; at < to; at += 20) shown = director.observe(loudest, at);
  return shown;
}

describe('the director', () => {
  it('gives the picture to the first voice at once', () => {
    const director = createDirector();
    expect(director.observe(undefined, 0)).toBeUndefined();
    expect(director.observe('ani', 20)).toBe('ani');
  });

  it('keeps the speaker through short interjections by someone else', () => {
    const director = createDirector({ takeoverMs: 1_500, holdMs: 3_000 });
    speak(director, 'ani', 0, 5_000);
    // "Setuju!" for a second, then Ani goes on: never long enough to take over.
    expect(speak(director, 'budi', 5_000, 6_000)).toBe('ani');
    expect(speak(director, 'ani', 6_000, 7_000)).toBe('ani');
    expect(speak(director, 'budi', 7_000, 8_400)).toBe('ani');
  });

  it('hands over after the new voice was loudest for 1.5 s without a break', () => {
    const director = createDirector({ takeoverMs: 1_500, holdMs: 3_000 });
    speak(director, 'ani', 0, 5_000);
    expect(speak(director, 'budi', 5_000, 6_480)).toBe('ani');
    expect(director.observe('budi', 6_500)).toBe('budi');
  });

  it('does not count a pause as the new voice holding the floor', () => {
    const director = createDirector({ takeoverMs: 1_500, holdMs: 3_000 });
    speak(director, 'ani', 0, 5_000);
    speak(director, 'budi', 5_000, 6_000);
    speak(director, undefined, 6_000, 6_200);
    expect(speak(director, 'budi', 6_200, 7_600)).toBe('ani');
    expect(speak(director, 'budi', 7_600, 7_800)).toBe('budi');
  });

  it('lets a speaker who just took over hold the picture for at least 3 s', () => {
    const director = createDirector({ takeoverMs: 1_500, holdMs: 3_000 });
    speak(director, 'ani', 0, 5_000);
    speak(director, 'budi', 5_000, 6_520);
    expect(director.speaker).toBe('budi');
    // Ani answers at once and keeps talking: she is back only 3 s after Budi took over.
    expect(speak(director, 'ani', 6_520, 9_500)).toBe('budi');
    expect(speak(director, 'ani', 9_500, 9_560)).toBe('ani');
  });

  it('keeps the last speaker through silence', () => {
    const director = createDirector();
    speak(director, 'ani', 0, 1_000);
    expect(speak(director, undefined, 1_000, 60_000)).toBe('ani');
  });

  it('forgets a speaker who left, so the next voice takes over at once', () => {
    const director = createDirector();
    speak(director, 'ani', 0, 5_000);
    director.forget('ani');
    expect(director.observe('budi', 5_020)).toBe('budi');
  });
});

const camera = (identity: string, order: number): VideoFeed => ({
  id: `${identity}-camera`,
  identity,
  kind: 'camera',
  order,
});
const screen = (identity: string, order: number): VideoFeed => ({
  id: `${identity}-screen`,
  identity,
  kind: 'screen',
  order,
});

describe('the layout', () => {
  it('is a dark canvas when nobody has video', () => {
    expect(chooseLayout({ feeds: [], speaker: 'ani', previous: EMPTY_LAYOUT, pictureInPicture: true })).toEqual(
      EMPTY_LAYOUT,
    );
  });

  it("shows the speaker's camera", () => {
    const feeds = [camera('ani', 0), camera('budi', 1)];
    expect(chooseLayout({ feeds, speaker: 'budi', previous: EMPTY_LAYOUT, pictureInPicture: true })).toEqual({
      main: 'budi-camera',
      pictureInPicture: null,
    });
  });

  it('keeps the camera shown before when the speaker has none, and starts with the earliest camera', () => {
    const feeds = [camera('ani', 0), camera('budi', 1)];
    const previous = { main: 'budi-camera', pictureInPicture: null };
    expect(chooseLayout({ feeds, speaker: 'citra', previous, pictureInPicture: true }).main).toBe('budi-camera');
    expect(chooseLayout({ feeds, speaker: undefined, previous: EMPTY_LAYOUT, pictureInPicture: true }).main).toBe(
      'ani-camera',
    );
  });

  it("fills the canvas with the newest screen share, the speaker's camera in the corner", () => {
    const feeds = [camera('ani', 0), screen('budi', 1), camera('budi', 2), screen('citra', 3)];
    expect(chooseLayout({ feeds, speaker: 'ani', previous: EMPTY_LAYOUT, pictureInPicture: true })).toEqual({
      main: 'citra-screen',
      pictureInPicture: 'ani-camera',
    });
  });

  it("puts the sharer's own camera in the corner when the speaker has none", () => {
    const feeds = [screen('budi', 0), camera('budi', 1)];
    expect(chooseLayout({ feeds, speaker: 'ani', previous: EMPTY_LAYOUT, pictureInPicture: true })).toEqual({
      main: 'budi-screen',
      pictureInPicture: 'budi-camera',
    });
    expect(chooseLayout({ feeds, speaker: 'ani', previous: EMPTY_LAYOUT, pictureInPicture: false })).toEqual({
      main: 'budi-screen',
      pictureInPicture: null,
    });
  });

  it('keeps the picture-in-picture corner inside the canvas, on even pixels', () => {
    const area = pictureInPictureArea({ width: 1280, height: 720 });
    expect(area).toEqual({ x: 938, y: 518, width: 320, height: 180 });
  });
});
