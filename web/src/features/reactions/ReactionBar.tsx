import { REACTION_EMOJI, REACTIONS, type Reaction } from '@serambi/shared';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { problemMessage } from '../../ui/form/field-errors.ts';
import { useReactionCalls } from './reactions-api.ts';
import type { FloatingReactions } from './reactions-context.ts';
import './reactions.css';

/**
 * The six reactions under the stage. A press floats the emoji at once and sends it; when the
 * server refuses (too many in a short time) its words show beside the bar.
 */
export function ReactionBar(props: { reactions: FloatingReactions }) {
  const { t } = useI18n();
  const calls = useReactionCalls();
  const [problem, setProblem] = createSignal<string>();
  const send = (kind: Reaction) => {
    props.reactions.sent(kind);
    setProblem(undefined);
    calls.send(kind).catch((error: unknown) => {
      props.reactions.refused(kind);
      setProblem(problemMessage(error, t));
    });
  };
  return (
    <fieldset class="reaction-bar">
      <legend class="visually-hidden">{t('reactions.label')}</legend>
      <For each={REACTIONS}>
        {(kind) => (
          <button
            type="button"
            class="reaction-bar__button"
            data-testid={`react-${kind}`}
            aria-label={t('reactions.send', { reaction: t(`interactionReport.reactionKinds.${kind}`) })}
            title={t(`interactionReport.reactionKinds.${kind}`)}
            onClick={() => send(kind)}
          >
            <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
          </button>
        )}
      </For>
      <Show when={problem()}>
        {(message) => (
          <p class="reaction-bar__problem" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
