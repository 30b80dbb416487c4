import { MATERIAL_TYPES, type MaterialUsage } from '@serambi/shared';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { fileSize, sizeKey } from './file-size.ts';
import { useUploadMaterial } from './materials-api.ts';

/** What the file picker offers (the server decides by the bytes whatever is picked). */
const ACCEPT = [
  ...Object.values(MATERIAL_TYPES).map((type) => type.contentType),
  ...Object.values(MATERIAL_TYPES).map((type) => `.${type.extension}`),
  '.jpeg',
].join(',');

/** Attaching a file: pick, upload (one at a time), and the community's total against its limit. */
export function MaterialUpload(props: { sessionRef: string; usage: MaterialUsage | null }) {
  const { t, locale } = useI18n();
  const inputId = createUniqueId();
  const leadId = createUniqueId();
  const upload = useUploadMaterial(() => props.sessionRef);
  const [chosen, setChosen] = createSignal<File>();
  const [tooLarge, setTooLarge] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  let input: HTMLInputElement | undefined;
  const maxMb = () => Math.round((props.usage?.maxFileBytes ?? 50 * 1024 * 1024) / (1024 * 1024));
  const size = (bytes: number) => {
    const { unit, n } = fileSize(bytes, locale());
    return t(sizeKey(unit), { n });
  };
  const choose = (file: File | undefined) => {
    setDone(undefined);
    upload.reset();
    const limit = props.usage?.maxFileBytes;
    // Said at once rather than after sending 50 MB; the server refuses it anyway.
    if (file && limit !== undefined && file.size > limit) {
      setTooLarge(t('materials.manage.tooLarge', { name: file.name, max: maxMb() }));
      setChosen(undefined);
      return;
    }
    setTooLarge(undefined);
    setChosen(file);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const file = chosen();
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (material) => {
        setDone(t('materials.manage.uploaded', { name: material.name }));
        setChosen(undefined);
        if (input) input.value = '';
      },
    });
  };
  return (
    <form class="materials__upload" onSubmit={submit} aria-describedby={leadId} data-testid="material-upload">
      <p id={leadId} class="materials__lead">
        {t('materials.manage.lead', { max: maxMb() })}
      </p>
      <div class="materials__picker">
        <label for={inputId} class="materials__label">
          {t('materials.manage.choose')}
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={ACCEPT}
          data-testid="material-file"
          onChange={(event) => choose(event.currentTarget.files?.[0])}
        />
        <button
          type="submit"
          class="button button--primary"
          disabled={!chosen() || upload.isPending}
          data-testid="material-submit"
        >
          {upload.isPending ? t('materials.manage.uploading') : t('materials.manage.upload')}
        </button>
      </div>
      <Show when={tooLarge()}>
        <p class="notice notice--problem" role="alert">
          {tooLarge()}
        </p>
      </Show>
      <FormProblem error={upload.error} />
      <p class="materials__done" role="status">
        {done()}
      </p>
      <Show when={props.usage}>
        {(usage) => (
          <p class="materials__usage" data-testid="materials-usage">
            {t('materials.manage.usage', { used: size(usage().usedBytes), limit: size(usage().limitBytes) })}
          </p>
        )}
      </Show>
    </form>
  );
}
