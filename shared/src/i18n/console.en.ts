import type { consoleMessages as reference } from './console.id.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of the moderator console; the same keys as console.id.ts. */
export const consoleMessages: Widen<typeof reference> = {
  title: 'Moderator console',
};
