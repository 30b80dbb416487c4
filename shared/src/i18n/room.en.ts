import type { roomMessages as reference } from './room.id.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of the live room; the same keys as room.id.ts. */
export const roomMessages: Widen<typeof reference> = {
  title: 'Session room',
};
