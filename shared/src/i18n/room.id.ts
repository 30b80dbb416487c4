/** Indonesian messages of the live room (kept apart: the room is the biggest screen). */
export const roomMessages = {
  title: 'Ruang sesi',
} as const;
