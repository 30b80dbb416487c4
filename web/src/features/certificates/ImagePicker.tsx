import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FieldError } from '../../ui/form/Field.tsx';
import { type ImageProblem, readImageFile } from './image-data-url.ts';

const PROBLEM_KEYS = {
  type: 'validation.imageDataUrl',
  size: 'validation.imageTooLarge',
  unreadable: 'certificates.panel.imageUnreadable',
} as const satisfies Record<ImageProblem, string>;

/**
 * A picture for the certificate (logo or signature): choose a PNG or JPEG, see it, remove it.
 * The file never leaves the browser until the form is saved; it becomes a data URL here.
 */
export function ImagePicker(props: {
  label: string;
  hint: string;
  value: string | null;
  onChange: (dataUrl: string | null) => void;
  chooseLabel: string;
  removeLabel: string;
  /** Alternative text of the preview. */
  previewAlt: string;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [problem, setProblem] = createSignal<ImageProblem | null>(null);
  const [reading, setReading] = createSignal(false);
  let input: HTMLInputElement | undefined;
  const error = () => {
    const current = problem();
    return current ? t(PROBLEM_KEYS[current]) : props.error;
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    const result = await readImageFile(file);
    setReading(false);
    if (input) input.value = '';
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    props.onChange(result.dataUrl);
  };

  return (
    <div class="field image-picker" data-testid={props.testId}>
      <span class="field__label" id={`${id}-label`}>
        {props.label}
      </span>
      <p id={`${id}-hint`} class="field__hint">
        {props.hint}
      </p>
      <div class="image-picker__row">
        <div class="image-picker__preview" classList={{ 'image-picker__preview--empty': !props.value }}>
          <Show when={props.value} fallback={<span aria-hidden="true">—</span>}>
            {(src) => <img src={src()} alt={props.previewAlt} />}
          </Show>
        </div>
        <div class="image-picker__actions">
          <label class="button button--small image-picker__choose" aria-disabled={reading()}>
            <input
              ref={input}
              type="file"
              class="visually-hidden"
              accept="image/png,image/jpeg"
              aria-describedby={`${id}-hint${error() ? ` ${id}-error` : ''}`}
              aria-invalid={error() ? true : undefined}
              onChange={(event) => void choose(event.currentTarget.files?.[0])}
            />
            {props.chooseLabel}
          </label>
          <Show when={props.value}>
            <button
              type="button"
              class="button button--small button--quiet"
              onClick={() => {
                setProblem(null);
                props.onChange(null);
              }}
            >
              {props.removeLabel}
            </button>
          </Show>
        </div>
      </div>
      <FieldError id={`${id}-error`} message={error()} />
    </div>
  );
}
