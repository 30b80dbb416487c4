import { MAX_STAGE_GUEST_LIMIT, type RoomSnapshot, zoneAbbreviation } from '@serambi/shared';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { Field } from '../../../ui/form/Field.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../../ui/form/field-errors.ts';
import { StartTime } from '../../time/SessionTimes.tsx';
import { doorsOpenLimits, doorsOpenProblem } from '../../time/start-window.ts';
import { viewerTimeZone } from '../../time/wall-clock.ts';
import { useUpdateRoomSettings } from './console-api.ts';
import { clocksDiffer, dateTimeLocalValue, instantOfDateTimeLocal } from './doors-time.ts';
import { ChatSettings, QaSettings } from './InteractionSettings.tsx';
import { NumberSettingForm } from './NumberSettingForm.tsx';

/**
 * Doors-open time, locking against new joins, how many guests the stage holds, how questions
 * arrive and whether they may be anonymous, and the chat's closing and slow mode.
 */
export function SessionSettingsPanel(props: { snapshot: RoomSnapshot }) {
  const { t } = useI18n();
  return (
    <div class="console-panel__body console-settings">
      <DoorsOpenForm snapshot={props.snapshot} />
      <LockControl locked={props.snapshot.settings.locked} />
      <NumberSettingForm
        setting="stageGuestLimit"
        current={props.snapshot.settings.stageGuestLimit}
        max={MAX_STAGE_GUEST_LIMIT}
        label={t('roomConsole.settings.guestLimit')}
        hint={t('roomConsole.settings.guestLimitHint', { max: MAX_STAGE_GUEST_LIMIT })}
        saveLabel={t('roomConsole.settings.saveGuestLimit')}
        testId="stage-guest-limit"
      />
      <QaSettings settings={props.snapshot.settings} />
      <ChatSettings settings={props.snapshot.settings} />
    </div>
  );
}

type InputZone = 'session' | 'viewer';

/**
 * A datetime-local input read in the session's zone, or in the moderator's own when their clock
 * differs; below it the time as both clocks read it.
 */
function DoorsOpenForm(props: { snapshot: RoomSnapshot }) {
  const { t, locale } = useI18n();
  const update = useUpdateRoomSettings();
  const viewerZone = viewerTimeZone();
  const sessionZone = () => props.snapshot.session.timeZone;
  const [inputZone, setInputZone] = createSignal<InputZone>('session');
  // What the moderator typed, as an instant, until saved; the snapshot's time otherwise.
  const [draft, setDraft] = createSignal<Date>();
  const [saved, setSaved] = createSignal(false);
  const shown = () => draft() ?? new Date(props.snapshot.settings.doorsOpenAt);
  const zonesDiffer = () => clocksDiffer(sessionZone(), viewerZone, shown());
  const zone = () => (inputZone() === 'viewer' && zonesDiffer() ? viewerZone : sessionZone());
  const abbreviation = (timeZone: string) => zoneAbbreviation(timeZone, shown(), locale());
  // Checked before sending with the server's own limit and message; the server checks again.
  const [outside, setOutside] = createSignal<string>();
  const errorOf = () => outside() ?? problemFieldErrors(update.error).doorsOpenAt;
  const limits = () => doorsOpenLimits(props.snapshot.session.startsAt);
  const radioName = createUniqueId();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const doorsOpenAt = draft();
    if (update.isPending || !doorsOpenAt) return;
    setOutside(doorsOpenProblem(doorsOpenAt, props.snapshot.session.startsAt, t));
    if (outside()) return;
    update.mutate(
      { doorsOpenAt: doorsOpenAt.toISOString() },
      {
        onSuccess: () => {
          setDraft(undefined);
          setSaved(true);
        },
      },
    );
  };

  return (
    <form class="console-section" onSubmit={submit} novalidate>
      <Field
        label={t('roomConsole.settings.doorsOpen')}
        hint={t('roomConsole.settings.doorsOpenHint')}
        error={errorOf()}
      >
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="datetime-local"
            min={dateTimeLocalValue(limits().earliest, zone())}
            max={dateTimeLocalValue(limits().latest, zone())}
            value={dateTimeLocalValue(shown(), zone())}
            onInput={(event) => {
              const instant = instantOfDateTimeLocal(event.currentTarget.value, zone());
              if (instant) setDraft(instant);
              setSaved(false);
              setOutside(undefined);
            }}
          />
        )}
      </Field>
      <Show when={zonesDiffer()}>
        <fieldset class="console-zone-choice">
          <legend class="field__label">{t('roomConsole.settings.zoneLegend')}</legend>
          <label class="checkbox">
            <input
              type="radio"
              name={radioName}
              checked={inputZone() === 'session'}
              onChange={() => setInputZone('session')}
            />
            <span>{t('roomConsole.settings.sessionZone', { zone: abbreviation(sessionZone()) })}</span>
          </label>
          <label class="checkbox">
            <input
              type="radio"
              name={radioName}
              checked={inputZone() === 'viewer'}
              onChange={() => setInputZone('viewer')}
            />
            <span>{t('roomConsole.settings.viewerZone', { zone: abbreviation(viewerZone) })}</span>
          </label>
        </fieldset>
      </Show>
      <dl class="console-times" aria-live="polite">
        <dt>{t('roomConsole.settings.inSessionZone')}</dt>
        <dd>
          <StartTime startsAt={shown().toISOString()} timeZone={sessionZone()} />
        </dd>
        <Show when={zonesDiffer()}>
          <dt>{t('roomConsole.settings.inViewerZone')}</dt>
          <dd>
            <StartTime startsAt={shown().toISOString()} timeZone={viewerZone} />
          </dd>
        </Show>
      </dl>
      <div class="button-row">
        <button type="submit" class="button button--small" aria-disabled={update.isPending || !draft()}>
          {t('roomConsole.settings.saveDoors')}
        </button>
        <span role="status" class="console-saved">
          {saved() ? t('roomConsole.settings.saved') : ''}
        </span>
      </div>
      <FormProblem error={errorOf() ? null : update.error} />
    </form>
  );
}

/** Locked: nobody new may join; people already in may come back. */
function LockControl(props: { locked: boolean }) {
  const { t } = useI18n();
  const update = useUpdateRoomSettings();
  const stateId = createUniqueId();
  return (
    <section class="console-section" aria-labelledby={`${stateId}-heading`}>
      <h4 id={`${stateId}-heading`} class="field__label">
        {t('roomConsole.settings.access')}
      </h4>
      <p id={stateId} class="console-hint" aria-live="polite">
        {props.locked ? t('roomConsole.settings.lockedState') : t('roomConsole.settings.openState')}
      </p>
      <div>
        <button
          type="button"
          class="button button--small"
          data-testid="lock-session"
          aria-describedby={stateId}
          aria-disabled={update.isPending}
          onClick={() => {
            if (!update.isPending) update.mutate({ locked: !props.locked });
          }}
        >
          {props.locked ? t('roomConsole.settings.unlock') : t('roomConsole.settings.lock')}
        </button>
      </div>
      <FormProblem error={update.error} />
    </section>
  );
}
