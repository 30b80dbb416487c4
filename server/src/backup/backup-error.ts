/**
 * Something the operator can act on: the message is one line saying what happened and what to
 * do. `pnpm backup` and `pnpm restore` print it alone and exit 1.
 */
export class BackupError extends Error {
  override name = 'BackupError';
}
