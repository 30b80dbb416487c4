/**
 * Where the arrow keys (and Home/End) move in a tab list, as the ARIA tabs pattern has it:
 * around the ends, both axes. Undefined for any other key.
 */
export function tabIndexAfterKey(key: string, index: number, count: number): number | undefined {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return index === last ? 0 : index + 1;
    case 'ArrowLeft':
    case 'ArrowUp':
      return index === 0 ? last : index - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
