import type { Session, StreamDestination } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { streamDestinationQuery, useRemoveStreamDestination, useSaveStreamDestination } from './recordings-api.ts';

/**
 * Where the session streams to (YouTube Live or any RTMP server), on its manage page: the
 * organizers' alone, since the key lets whoever holds it broadcast on their channel. The key
 * is write-only: once saved, only its last characters come back; it can be replaced or the
 * whole destination removed. Moderators start and stop the stream from the console.
 */
export function StreamDestinationPanel(props: { session: Session }) {
  const { t } = useI18n();
  const api = useApi();
  const destination = useQuery(() => streamDestinationQuery(api, props.session.slug));
  const headingId = createUniqueId();
  return (
    <section class="card form-section stream-panel" aria-labelledby={headingId} data-testid="stream-destination">
      <h2 id={headingId} class="form-section__heading">
        {t('liveStream.heading')}
      </h2>
      <p class="recording-panel__lead">{t('liveStream.lead')}</p>
      <QueryState query={destination}>
        {(found) => <DestinationForm sessionRef={props.session.slug} saved={found().destination} />}
      </QueryState>
    </section>
  );
}

function DestinationForm(props: { sessionRef: string; saved: StreamDestination | null }) {
  const { t } = useI18n();
  const save = useSaveStreamDestination(() => props.sessionRef);
  const remove = useRemoveStreamDestination(() => props.sessionRef);
  const [address, setAddress] = createSignal(props.saved?.address ?? '');
  const [key, setKey] = createSignal('');
  const [done, setDone] = createSignal(false);
  const [askingToRemove, setAskingToRemove] = createSignal(false);
  const errors = () => problemFieldErrors(save.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setDone(false);
    remove.reset();
    const typedKey = key().trim();
    save.mutate(
      { address: address().trim(), ...(typedKey ? { key: typedKey } : {}) },
      {
        onSuccess: (answer) => {
          setKey('');
          setAddress(answer.destination?.address ?? '');
          setDone(true);
        },
      },
    );
  };

  return (
    <form class="stream-panel__form" onSubmit={submit} novalidate>
      <Show when={props.saved} fallback={<p class="empty-state">{t('liveStream.none')}</p>}>
        {(saved) => (
          <p class="stream-panel__saved" data-testid="stream-key-saved">
            {saved().keyEnding
              ? t('liveStream.savedKey', { ending: saved().keyEnding })
              : t('liveStream.savedKeyShort')}
          </p>
        )}
      </Show>
      <Field label={t('liveStream.address')} hint={t('liveStream.addressHint')} error={errors().address}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="url"
            inputmode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder="rtmp://a.rtmp.youtube.com/live2"
            data-testid="stream-address"
            value={address()}
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label={t('liveStream.key')}
        hint={props.saved ? t('liveStream.keyReplaceHint') : t('liveStream.keyHint')}
        error={errors().key}
        optional={props.saved !== null}
      >
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="password"
            autocomplete="off"
            spellcheck={false}
            data-testid="stream-key"
            value={key()}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
        )}
      </Field>
      <FormProblem error={unclaimedError(save.error, errors()) ?? remove.error} />
      <div class="stream-panel__actions">
        <button type="submit" class="button" data-testid="stream-save" aria-disabled={save.isPending}>
          {t('liveStream.save')}
        </button>
        <Show when={props.saved}>
          <button
            type="button"
            class="button button--danger-quiet"
            data-testid="stream-remove"
            onClick={() => {
              remove.reset();
              setAskingToRemove(true);
            }}
          >
            {t('liveStream.remove')}
          </button>
        </Show>
        <Show when={done()}>
          <p class="stream-panel__done" role="status">
            {t('liveStream.saved')}
          </p>
        </Show>
      </div>
      <ConfirmDialog
        open={askingToRemove()}
        title={t('liveStream.removeTitle')}
        confirmLabel={t('liveStream.removeConfirm')}
        dismissLabel={t('liveStream.keep')}
        danger
        pending={remove.isPending}
        onClose={() => setAskingToRemove(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setAskingToRemove(false);
              setAddress('');
              setKey('');
              setDone(false);
            },
          })
        }
      >
        <p>{t('liveStream.removeBody')}</p>
        <FormProblem error={remove.error} />
      </ConfirmDialog>
    </form>
  );
}
