import { describe, expect, it } from 'vitest';
import { FrameHistory, type SourceFrame } from './frame-history.ts';

/** A frame named after when it arrived; it is never converted in these tests. */
const aFrame = (name: string): SourceFrame & { name: string } => ({
  name,
  width: 1280,
  height: 720,
  i420: () => {
    throw new Error('not drawn here');
  },
});

describe('the frames of one video track by arrival time', () => {
  it('has nothing to show before the first frame', () => {
    const history = new FrameHistory();
    expect(history.isEmpty).toBe(true);
    expect(history.at(1_000)).toBeUndefined();
  });

  it('shows the newest frame that had arrived by the canvas frame’s time, not one that came later', () => {
    const history = new FrameHistory();
    history.push(aFrame('a'), 100);
    history.push(aFrame('b'), 120);
    history.push(aFrame('c'), 140);
    expect(history.at(130)).toMatchObject({ name: 'b' });
    expect(history.at(140)).toMatchObject({ name: 'c' });
    expect(history.at(500)).toMatchObject({ name: 'c' });
  });

  it('shows the oldest frame kept when every frame came after the time asked', () => {
    const history = new FrameHistory();
    history.push(aFrame('a'), 100);
    history.push(aFrame('b'), 120);
    expect(history.at(50)).toMatchObject({ name: 'a' });
  });

  it('keeps only the last few frames, forgetting the oldest', () => {
    const history = new FrameHistory(2);
    history.push(aFrame('a'), 100);
    history.push(aFrame('b'), 120);
    history.push(aFrame('c'), 140);
    expect(history.at(110)).toMatchObject({ name: 'b' });
  });

  it('forgets everything when cleared (the track was unsubscribed)', () => {
    const history = new FrameHistory();
    history.push(aFrame('a'), 100);
    history.clear();
    expect(history.isEmpty).toBe(true);
    expect(history.at(200)).toBeUndefined();
  });
});
