import { REGISTRATION_QUESTION_LABEL_MAX_LENGTH } from '@serambi/shared';
import { createUniqueId, For, Index, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CheckboxField, Field } from '../../ui/form/Field.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import type { QuestionDraft, QuestionKind } from './question-drafts.ts';

const KINDS: QuestionKind[] = ['short-text', 'choice', 'checkbox'];

interface QuestionsBuilderProps {
  questions: QuestionDraft[];
  errorOf: (path: string) => string | undefined;
  onAdd: () => void;
  onRemove: (index: number) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onChange: <K extends keyof QuestionDraft>(index: number, field: K, value: QuestionDraft[K]) => void;
  /** Another form's words (the feedback form's); the registration form's by default. */
  heading?: string;
  hint?: string;
  /** How many questions the form takes. */
  max?: number;
}

/** The questions people answer when they register, beyond name and email (or, given other words, in another form). */
export function QuestionsBuilder(props: QuestionsBuilderProps) {
  const { t } = useI18n();
  const headingId = createUniqueId();
  return (
    <section class="questions-builder" aria-labelledby={headingId}>
      <h3 id={headingId} class="form-section__subheading">
        {props.heading ?? t('questions.heading')}
      </h3>
      <p class="field__hint">{props.hint ?? t('questions.hint')}</p>
      <ol class="questions-builder__list">
        <Index each={props.questions}>
          {(question, index) => (
            <li class="question-draft">
              <div class="question-draft__header">
                <p class="question-draft__number">{t('questions.number', { number: index + 1 })}</p>
                <div class="question-draft__tools">
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('questions.moveUp', { number: index + 1 })}
                    disabled={index === 0}
                    onClick={() => props.onMove(index, -1)}
                  >
                    <LineIcon size={18}>
                      <path d="m6 15 6-6 6 6" />
                    </LineIcon>
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('questions.moveDown', { number: index + 1 })}
                    disabled={index === props.questions.length - 1}
                    onClick={() => props.onMove(index, 1)}
                  >
                    <LineIcon size={18}>
                      <path d="m6 9 6 6 6-6" />
                    </LineIcon>
                  </button>
                  <button
                    type="button"
                    class="icon-button icon-button--danger"
                    aria-label={t('questions.remove', { number: index + 1 })}
                    onClick={() => props.onRemove(index)}
                  >
                    <LineIcon size={18}>
                      <path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12" />
                    </LineIcon>
                  </button>
                </div>
              </div>
              <Field label={t('questions.label')} error={props.errorOf(`questions.${index}.label`)}>
                {(control) => (
                  <input
                    {...control}
                    class="field__control"
                    maxLength={REGISTRATION_QUESTION_LABEL_MAX_LENGTH}
                    value={question().label}
                    onInput={(e) => props.onChange(index, 'label', e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field label={t('questions.kind')}>
                {(control) => (
                  <select
                    {...control}
                    class="field__control"
                    onChange={(e) => props.onChange(index, 'kind', e.currentTarget.value as QuestionKind)}
                  >
                    <For each={KINDS}>
                      {(kind) => (
                        <option value={kind} selected={question().kind === kind}>
                          {t(`questions.kinds.${kind}`)}
                        </option>
                      )}
                    </For>
                  </select>
                )}
              </Field>
              <Show when={question().kind === 'choice'}>
                <Field
                  label={t('questions.options')}
                  hint={t('questions.optionsHint')}
                  error={props.errorOf(`questions.${index}.options`)}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      class="field__control"
                      rows="4"
                      value={question().optionsText}
                      onInput={(e) => props.onChange(index, 'optionsText', e.currentTarget.value)}
                    />
                  )}
                </Field>
              </Show>
              <CheckboxField
                label={t('questions.required')}
                checked={question().required}
                onChange={(checked) => props.onChange(index, 'required', checked)}
              />
            </li>
          )}
        </Index>
      </ol>
      <Show when={props.questions.length < (props.max ?? 20)}>
        <button type="button" class="button button--small" onClick={() => props.onAdd()}>
          <LineIcon size={18}>
            <path d="M12 5v14M5 12h14" />
          </LineIcon>
          {t('questions.add')}
        </button>
      </Show>
    </section>
  );
}
