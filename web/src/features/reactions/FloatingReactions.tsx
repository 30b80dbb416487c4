import { For } from 'solid-js';
import type { FloatingReactions as Floats } from './reactions-context.ts';
import './reactions.css';

/**
 * The emoji rising over the stage, decorative (the reaction bar's buttons carry the meaning);
 * with reduced motion they appear and fade where they are instead of flying.
 */
export function FloatingReactions(props: { reactions: Floats }) {
  return (
    <div class="floating-reactions" aria-hidden="true" data-testid="floating-reactions">
      <For each={props.reactions.floats()}>
        {(float) => (
          <span
            class="floating-reaction"
            style={{
              left: `${float.left}%`,
              'animation-delay': `${float.delayMs}ms`,
              'animation-duration': `${float.durationMs}ms`,
              '--drift': `${float.drift}px`,
            }}
            onAnimationEnd={() => props.reactions.landed(float.id)}
          >
            {float.emoji}
          </span>
        )}
      </For>
    </div>
  );
}
