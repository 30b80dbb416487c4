/** Indonesian messages of the moderator console. */
export const consoleMessages = {
  title: 'Konsol moderator',
} as const;
