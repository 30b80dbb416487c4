import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { problemMessage } from './field-errors.ts';

/** Why the last submit failed, announced at once; `error` is a mutation's error or null. */
export function FormProblem(props: { error: unknown }) {
  const { t } = useI18n();
  return (
    <div role="alert" class="form-problem">
      <Show when={props.error}>{(error) => <p class="notice notice--problem">{problemMessage(error(), t)}</p>}</Show>
    </div>
  );
}

/** The request's error when none of its field errors could be shown next to a field. */
export function unclaimedError(error: unknown, fieldErrors: Readonly<Record<string, string>>): unknown {
  return error && Object.keys(fieldErrors).length === 0 ? error : null;
}
