import type { I420Image } from './canvas.ts';

/** A received frame; `i420()` converts (at most once) only when it is drawn. */
export interface SourceFrame {
  width: number;
  height: number;
  i420(): I420Image;
}

/**
 * The last few frames of one video track with the time each arrived, so that a canvas frame
 * shows what had arrived by its own time rather than by the (later) moment a tick draws it:
 * ticks come every 20 ms or later, and drawing whatever is newest would put every change in the
 * picture up to a tick early against the sound.
 */
export class FrameHistory {
  private readonly entries: Array<{ at: number; frame: SourceFrame }> = [];

  constructor(private readonly capacity = 4) {}

  push(frame: SourceFrame, at: number): void {
    this.entries.push({ at, frame });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  clear(): void {
    this.entries.length = 0;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** The newest frame that had arrived by `time`; the oldest kept when every one came later. */
  at(time: number): SourceFrame | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i] as { at: number; frame: SourceFrame };
      if (entry.at <= time) return entry.frame;
    }
    return this.entries[0]?.frame;
  }
}
