import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FieldError } from '../../ui/form/Field.tsx';
import { MarkdownText } from './MarkdownText.tsx';

/** A Markdown text area with a preview of what the public page will show. */
export function DescriptionEditor(props: { value: string; error?: string; onInput: (value: string) => void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [previewing, setPreviewing] = createSignal(false);
  return (
    <div class="field description-editor">
      <div class="description-editor__bar">
        <label class="field__label" for={`${id}-text`}>
          {t('editor.description')} <span class="field__optional">{t('forms.optional')}</span>
        </label>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('editor.descriptionView')}</legend>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={!previewing()}
            onClick={() => setPreviewing(false)}
          >
            {t('editor.write')}
          </button>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={previewing()}
            onClick={() => setPreviewing(true)}
          >
            {t('editor.preview')}
          </button>
        </fieldset>
      </div>
      <p id={`${id}-hint`} class="field__hint">
        {t('editor.markdownHint')}
      </p>
      <Show
        when={previewing()}
        fallback={
          <textarea
            id={`${id}-text`}
            class="field__control description-editor__text"
            rows="10"
            value={props.value}
            aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
            aria-invalid={props.error ? true : undefined}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <div class="description-editor__preview" aria-live="polite">
          <Show when={props.value.trim()} fallback={<p class="field__hint">{t('editor.previewEmpty')}</p>}>
            <MarkdownText source={props.value} />
          </Show>
        </div>
      </Show>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}
