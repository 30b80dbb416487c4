import { describe, expect, it } from 'vitest';
import { createOutOfBandMemory } from './out-of-band.ts';
import { aQuestion, aSnapshot } from './room-fixtures.ts';

const at = '2026-11-23T12:00:00.000Z';

describe('what came outside the version sequence', () => {
  it('survives a snapshot fetched before it, by rev', () => {
    const memory = createOutOfBandMemory();
    memory.remember({ v: 4, type: 'qa.question', at, data: aQuestion({ status: 'dismissed', rev: 3 }) });
    const older = aSnapshot();
    older.qa.questions = [aQuestion({ status: 'open', rev: 2 })];
    memory.reapply(older);
    expect(older.qa.questions.map((q) => q.status)).toEqual(['dismissed']);
  });

  it('gives way to a snapshot of a later version, which already includes it', () => {
    const memory = createOutOfBandMemory();
    memory.remember({ v: 3, type: 'qa.question', at, data: aQuestion({ status: 'pending', rev: 1 }) });
    const later = aSnapshot(); // version 4, without the question: withdrawn meanwhile
    memory.reapply(later);
    expect(later.qa.questions).toEqual([]);
    later.version = 2;
    memory.reapply(later);
    expect(later.qa.questions).toEqual([]);
  });

  it('keeps a removed draft removed', () => {
    const memory = createOutOfBandMemory();
    memory.remember({ v: 4, type: 'poll.removed', at, data: { id: 'p1' } });
    const snapshot = aSnapshot();
    snapshot.polls.polls = [
      {
        id: 'p1',
        question: 'Draft',
        kind: 'single',
        status: 'draft',
        resultsVisible: false,
        options: [],
        voters: 0,
        openedAt: null,
        closedAt: null,
        rev: 1,
      },
    ];
    memory.reapply(snapshot);
    expect(snapshot.polls.polls).toEqual([]);
  });
});
