import type { z } from 'zod';
import enZod from 'zod/v4/locales/en.js';
import idZod from 'zod/v4/locales/id.js';
import type { Locale } from '../locale.ts';
import { dictionaries, issueParams, type MessageKey, translate } from './index.ts';

const zodMessages = { id: idZod().localeError, en: enZod().localeError };

/**
 * One validation issue in the reader's language: our own messages are message keys
 * ("validation.slug"), zod's generic ones (too short, wrong type) come from zod's locales.
 */
export function localizeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(locale, issue.message, issueParams(issue));
  const localized = zodMessages[locale](issue as unknown as z.core.$ZodRawIssue);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? issue.message;
}

export function isMessageKey(message: string): message is MessageKey {
  if (!/^[a-z]+\.[A-Za-z.]+$/.test(message)) return false;
  let node: unknown = dictionaries.en;
  for (const part of message.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}
