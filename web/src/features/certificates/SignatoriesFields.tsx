import {
  type CertificateSignatory,
  MAX_SIGNATORIES,
  PERSON_NAME_MAX_LENGTH,
  SIGNATORY_TITLE_MAX_LENGTH,
} from '@serambi/shared';
import { Index, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import type { FieldErrors } from '../../ui/form/field-errors.ts';
import { ImagePicker } from './ImagePicker.tsx';
import { newSignatory } from './program-form.ts';

/** Up to three people who sign: name, title and, if wanted, a picture of their signature. */
export function SignatoriesFields(props: {
  signatories: CertificateSignatory[];
  onChange: (signatories: CertificateSignatory[]) => void;
  errors: FieldErrors;
  onEdited: (path: string) => void;
}) {
  const { t } = useI18n();
  const update = (index: number, change: Partial<CertificateSignatory>) =>
    props.onChange(props.signatories.map((signatory, i) => (i === index ? { ...signatory, ...change } : signatory)));
  return (
    <fieldset class="signatories">
      <legend class="field__label">{t('certificates.panel.signatories')}</legend>
      <p class="field__hint">{t('certificates.panel.signatoriesHint')}</p>
      <ol class="signatories__list">
        <Index each={props.signatories}>
          {(signatory, index) => (
            <li class="signatories__item" data-testid="signatory">
              <div class="signatories__head">
                <h4 class="signatories__heading">{t('certificates.panel.signatory', { n: index + 1 })}</h4>
                <button
                  type="button"
                  class="button button--small button--quiet"
                  onClick={() => props.onChange(props.signatories.filter((_, i) => i !== index))}
                >
                  {t('certificates.panel.removeSignatory', { n: index + 1 })}
                </button>
              </div>
              <div class="field-row">
                <Field label={t('certificates.panel.signatoryName')} error={props.errors[`signatories.${index}.name`]}>
                  {(control) => (
                    <input
                      {...control}
                      class="field__control"
                      value={signatory().name}
                      maxLength={PERSON_NAME_MAX_LENGTH}
                      autocomplete="off"
                      onInput={(event) => {
                        props.onEdited(`signatories.${index}.name`);
                        update(index, { name: event.currentTarget.value });
                      }}
                    />
                  )}
                </Field>
                <Field
                  label={t('certificates.panel.signatoryTitle')}
                  hint={t('certificates.panel.signatoryTitleHint')}
                  optional
                  error={props.errors[`signatories.${index}.title`]}
                >
                  {(control) => (
                    <input
                      {...control}
                      class="field__control"
                      value={signatory().title}
                      maxLength={SIGNATORY_TITLE_MAX_LENGTH}
                      autocomplete="off"
                      onInput={(event) => update(index, { title: event.currentTarget.value })}
                    />
                  )}
                </Field>
              </div>
              <ImagePicker
                label={t('certificates.panel.signature')}
                hint={t('certificates.panel.signatureHint')}
                value={signatory().signature}
                onChange={(signature) => {
                  props.onEdited(`signatories.${index}.signature`);
                  update(index, { signature });
                }}
                chooseLabel={t('certificates.panel.chooseSignature', { n: index + 1 })}
                removeLabel={t('certificates.panel.removeSignature')}
                previewAlt={t('certificates.panel.signaturePreview', { name: signatory().name })}
                error={props.errors[`signatories.${index}.signature`]}
              />
            </li>
          )}
        </Index>
      </ol>
      <Show when={props.signatories.length < MAX_SIGNATORIES}>
        <button
          type="button"
          class="button button--small"
          data-testid="add-signatory"
          onClick={() => props.onChange([...props.signatories, newSignatory()])}
        >
          + {t('certificates.panel.addSignatory')}
        </button>
      </Show>
    </fieldset>
  );
}
