import type { AuditEntry } from '@serambi/shared';
import { dictionaries, fillPlaceholders, type MessageKey } from '@serambi/shared/i18n';
import { roomDictionaries } from '@serambi/shared/i18n/room';
import { describe, expect, it } from 'vitest';
import { auditSentences } from './audit-text.ts';

/** English as the room page has it: the core messages plus the room's own. */
const t = (key: MessageKey, params: Record<string, string | number> = {}) => {
  let node: unknown = { ...dictionaries.en, ...roomDictionaries.en };
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no message ${key}`);
  return fillPlaceholders(node, params);
};

function entry(action: AuditEntry['action'], detail: AuditEntry['detail'] = {}, target = true): AuditEntry {
  return {
    id: '1',
    at: '2026-12-06T12:00:00.000Z',
    action,
    actor: { identity: 'u_mod', name: 'Rina' },
    target: target ? { identity: 'r_1', name: 'Budi' } : null,
    detail,
  };
}

describe('auditSentences', () => {
  it('names who did what to whom', () => {
    expect(auditSentences(entry('invite'), t, String)).toEqual(['Rina invited Budi to the stage']);
  });

  it('names the muted source', () => {
    expect(auditSentences(entry('mute', { source: 'camera' }), t, String)).toEqual(['Rina turned off Budi’s camera']);
  });

  it('names each changed setting', () => {
    expect(auditSentences(entry('settings', { locked: true, stageGuestLimit: 5 }, false), t, String)).toEqual([
      'Rina locked the session',
      'Rina set the stage guest limit to 5',
    ]);
  });

  it('falls back to a general sentence when the detail names no known setting', () => {
    expect(auditSentences(entry('settings', {}, false), t, String)).toEqual(['Rina changed the session settings']);
  });
});
