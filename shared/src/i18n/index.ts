import type { Locale } from '../locale.ts';
import { en } from './en.ts';
import { type Messages as CoreMessages, id } from './id.ts';
import type { RoomMessages } from './room-messages.ts';

/** Every message, including the room's, which the room page registers itself (room-messages.ts). */
export type Messages = CoreMessages & RoomMessages;
/** The messages every page has; the server's mails and problems come from here. */
export const dictionaries: Record<Locale, CoreMessages> = { id, en };

type Join<K extends string, P extends string> = `${K}.${P}`;
/** Every dotted path to a message, e.g. "problems.notFound". */
export type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : Join<K, MessageKey<T[K]>>;
}[keyof T & string];

/**
 * Looks a message up by its dotted key and fills its `{name}` placeholders; used where a key
 * travels as data (errors, mails).
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  let node: unknown = dictionaries[locale];
  for (const part of key.split('.')) {
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string') throw new Error(`Missing message "${key}" for locale "${locale}"`);
  return fillPlaceholders(node, params);
}

/** Replaces each `{name}` with its parameter; unknown placeholders stay visible so they get noticed. */
export function fillPlaceholders(message: string, params: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The parts of a validation issue (zod's) that its message can name. */
export interface IssueWithParams {
  code: string;
  params?: Record<string, unknown> | undefined;
  minimum?: unknown;
  maximum?: unknown;
}

/**
 * What fills the placeholders of a schema's own message: `{min}` and `{max}` from a bound that was
 * missed, the rest from the refinement's `params` ("Choose a date in {earliest}–{latest}").
 */
export function issueParams(issue: IssueWithParams): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') params.min = issue.minimum;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') params.max = issue.maximum;
  return params;
}
