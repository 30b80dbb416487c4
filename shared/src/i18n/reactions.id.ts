/** Indonesian messages of the room’s reactions; the reference for reactions.en.ts. */
export const reactionsMessages = {
  reactions: {
    label: 'Reaksi',
    send: 'Kirim reaksi: {reaction}',
  },
} as const;
