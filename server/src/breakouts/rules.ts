import { AppError } from '../http/errors.ts';
import { forEveryone, forModerators, isTeam, type Requirement, type RoomCaller } from '../room/rules.ts';

/**
 * Who may do what with breakout tables (docs/breakouts.md#who-may-do-what): moderators open,
 * place, extend, broadcast and end; participants choose a table and ask for help; everyone let in
 * connects (a participant to their own table only, which the service checks against their place).
 */

/** Choosing a table is a participant's: the team visits tables without a place. */
const participant: Requirement = {
  holds: (caller: RoomCaller) => !isTeam(caller),
  refusal: () => new AppError(403, 'breakout_team_visits', 'problems.breakoutTeamVisits'),
};

export const breakoutRules = {
  open: forModerators,
  place: forModerators,
  extend: forModerators,
  broadcast: forModerators,
  end: forModerators,
  choose: [...forEveryone, participant],
  askForHelp: [...forEveryone, participant],
  connect: forEveryone,
} as const;

/**
 * Tables for `people`, spread evenly: shuffled by `random` (a fair draw), then dealt one at a time
 * around the tables, so no two tables differ by more than one; nobody beyond `tables × sizeLimit`
 * is placed (they stay in the main room). Returns the table index (0-based) of each placed identity.
 */
export function spreadEvenly(
  people: string[],
  tables: number,
  sizeLimit: number,
  random: () => number = Math.random,
): Map<string, number> {
  const shuffled = [...people];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const placed = new Map<string, number>();
  for (const [index, identity] of shuffled.slice(0, tables * sizeLimit).entries()) placed.set(identity, index % tables);
  return placed;
}

/** A table takes one more when fewer than its size limit are placed there. */
export function checkRoomAt(placedThere: number, sizeLimit: number, tableNumber: number): void {
  if (placedThere >= sizeLimit) {
    throw new AppError(409, 'breakout_table_full', 'problems.breakoutTableFull', {
      params: { table: tableNumber, limit: sizeLimit },
    });
  }
}
