import { useQueryClient } from '@tanstack/solid-query';
import { createEffect, on } from 'solid-js';
import { useRoom } from '../room/room-context.ts';
import { MaterialsSection } from './MaterialsSection.tsx';
import { materialKeys } from './materials-api.ts';

/**
 * The room's "Materials" tab: the session's files for everyone let in; moderators pin one for
 * everyone, the team attaches and deletes. A pin (the room's event) reads the list again.
 */
export function MaterialsPanel() {
  const room = useRoom();
  const queryClient = useQueryClient();
  const source = { ref: room.sessionRef(), ticket: room.state.ticket };
  createEffect(
    on(
      () => room.snapshot().pinnedMaterial?.id,
      () => void queryClient.invalidateQueries({ queryKey: materialKeys.of(source) }),
      { defer: true },
    ),
  );
  return <MaterialsSection source={source} canPin={room.snapshot().me.role === 'moderator'} heading={false} />;
}
