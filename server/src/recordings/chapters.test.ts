import { describe, expect, it } from 'vitest';
import { chaptersOf } from './replay.ts';
import type { RecordingRow } from './schema.ts';

/** The session's clock: minutes after 10:00. */
const at = (minutes: number) => new Date(Date.UTC(2025, 2, 1, 10, 0, minutes * 60));

/** A recording whose first frame came at `from` (minutes), ending at `to`, `durationMs` long. */
function aRecording(id: string, from: number, to: number | null, durationMs: number | null = null): RecordingRow {
  return {
    id,
    startedAt: at(from - 0.05),
    mediaStartedAt: at(from),
    endedAt: to === null ? null : at(to),
    durationMs,
  } as RecordingRow;
}

/** A question pinned as "now answering" from `from` to `to` (minutes; null: still pinned). */
const aPin = (questionId: string, from: number, to: number | null, text = `Question ${questionId}`) => ({
  kind: 'question' as const,
  questionId,
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
  text,
});

describe('the chapters of a replay', () => {
  it('makes every question pinned while the recording ran a chapter, at the second it was pinned', () => {
    const chapters = chaptersOf(
      [aPin('q1', 5, 9, 'Apakah ada rekamannya?'), aPin('q2', 9, 12)],
      [aRecording('r1', 0, 30)],
    );
    expect(chapters.get('r1')).toEqual([
      { at: 300, kind: 'question', title: 'Apakah ada rekamannya?', questionId: 'q1' },
      { at: 540, kind: 'question', title: 'Question q2', questionId: 'q2' },
    ]);
  });

  it('opens the recording at 0 with a question pinned before it started and still pinned', () => {
    expect(chaptersOf([aPin('q1', -3, 4)], [aRecording('r1', 0, 30)]).get('r1')).toEqual([
      { at: 0, kind: 'question', title: 'Question q1', questionId: 'q1' },
    ]);
  });

  it('leaves out a question answered before the recording started, and one pinned after it ended', () => {
    const chapters = chaptersOf([aPin('before', -10, -2), aPin('after', 31, 33)], [aRecording('r1', 0, 30)]);
    expect(chapters.get('r1')).toEqual([]);
  });

  it('counts from the first frame, not from when the recorder was asked to start', () => {
    const recording = { ...aRecording('r1', 2, 30), startedAt: at(0) };
    expect(chaptersOf([aPin('q1', 5, 6)], [recording]).get('r1')?.[0]?.at).toBe(180);
  });

  it('counts from the start when no frame time was kept', () => {
    const recording = { ...aRecording('r1', 2, 30), mediaStartedAt: null, startedAt: at(1) };
    expect(chaptersOf([aPin('q1', 5, 6)], [recording]).get('r1')?.[0]?.at).toBe(240);
  });

  it('gives each part of a session only its own chapters', () => {
    const chapters = chaptersOf(
      [aPin('q1', 5, 8), aPin('q2', 25, 28), aPin('q3', 45, null)],
      [aRecording('part1', 0, 20), aRecording('part2', 22, 40), aRecording('part3', 42, null)],
    );
    expect(Object.fromEntries([...chapters].map(([id, list]) => [id, list.map((c) => c.questionId)]))).toEqual({
      part1: ['q1'],
      part2: ['q2'],
      part3: ['q3'],
    });
  });

  it('leaves out a pin past the end of the file, where the file is shorter than the recording ran', () => {
    const shortFile = aRecording('r1', 0, 30, 10 * 60_000);
    expect(
      chaptersOf([aPin('q1', 5, 6), aPin('q2', 12, 14)], [shortFile])
        .get('r1')
        ?.map((c) => c.questionId),
    ).toEqual(['q1']);
  });

  it('rounds a chapter’s time to a tenth of a second', () => {
    const pin = { ...aPin('q1', 0, 1), startedAt: new Date(at(0).getTime() + 12_345) };
    expect(chaptersOf([pin], [aRecording('r1', 0, 30)]).get('r1')?.[0]?.at).toBe(12.3);
  });

  it('makes a period of breakout tables a chapter beside the questions, at the second the tables opened', () => {
    const tables = { kind: 'breakout' as const, questionId: null, startedAt: at(10), endedAt: at(20), text: '10' };
    expect(chaptersOf([aPin('q1', 5, 9), tables], [aRecording('r1', 0, 30)]).get('r1')).toEqual([
      { at: 300, kind: 'question', title: 'Question q1', questionId: 'q1' },
      { at: 600, kind: 'breakout', title: '10', questionId: null },
    ]);
  });

  it('gives a recording with no pins an empty list, not none', () => {
    expect(chaptersOf([], [aRecording('r1', 0, 30)]).get('r1')).toEqual([]);
  });
});
