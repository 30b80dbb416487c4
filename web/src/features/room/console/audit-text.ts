import { type AuditEntry, MUTABLE_SOURCES, type MutableSource } from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const isMutableSource = (value: unknown): value is MutableSource => MUTABLE_SOURCES.includes(value as MutableSource);

/**
 * What an audit entry says, as one or more sentences ("Rina muted Budi's microphone"). Settings
 * changes name each changed setting when the entry's detail tells which; `formatTime` writes a
 * doors-open instant for the reader.
 */
export function auditSentences(entry: AuditEntry, t: Translate, formatTime: (instant: string) => string): string[] {
  const names = { actor: entry.actor.name, target: entry.target?.name ?? t('roomConsole.audit.someone') };
  const { detail } = entry;
  if (entry.action === 'mute' && isMutableSource(detail.source)) {
    return [t(`roomConsole.audit.mute.${detail.source}`, names)];
  }
  if (entry.action === 'settings') {
    const changes: string[] = [];
    if (typeof detail.locked === 'boolean') {
      changes.push(t(`roomConsole.audit.settingsChanges.${detail.locked ? 'locked' : 'unlocked'}`, names));
    }
    if (typeof detail.stageGuestLimit === 'number') {
      changes.push(t('roomConsole.audit.settingsChanges.stageGuestLimit', { ...names, limit: detail.stageGuestLimit }));
    }
    if (typeof detail.doorsOpenAt === 'string') {
      changes.push(
        t('roomConsole.audit.settingsChanges.doorsOpenAt', { ...names, time: formatTime(detail.doorsOpenAt) }),
      );
    }
    if (changes.length > 0) return changes;
  }
  if (entry.action === 'stream_failed') {
    return [
      t('roomConsole.audit.actions.stream_failed', { reason: typeof detail.reason === 'string' ? detail.reason : '' }),
    ];
  }
  return [t(`roomConsole.audit.actions.${entry.action}`, names)];
}
