import {
  BREAKOUT_ASSIGNMENTS,
  BREAKOUT_MAIN_STAGE,
  BREAKOUT_TABLE_NAME_MAX_LENGTH,
  BREAKOUT_TABLE_TOPIC_MAX_LENGTH,
  type BreakoutAssignment,
  type BreakoutMainStage,
  type BreakoutState,
  MAX_BREAKOUT_MINUTES,
  MAX_BREAKOUT_TABLE_SIZE,
  MAX_BREAKOUT_TABLES,
  MIN_BREAKOUT_MINUTES,
  MIN_BREAKOUT_TABLE_SIZE,
  MIN_BREAKOUT_TABLES,
  openBreakoutsRequestSchema,
} from '@serambi/shared';
import { createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import type { FieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';

interface TableDraft {
  name: string;
  topic: string;
}

/**
 * The moderator's form to open tables: how many, for how long, how people are placed, how many
 * per table, whether the stage pauses, and (folded away) each table's name and topic. Checked
 * with the request's own schema before it leaves.
 */
export function OpenTablesForm(props: { open: (request: unknown) => Promise<BreakoutState> }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [count, setCount] = createSignal('4');
  const [minutes, setMinutes] = createSignal('10');
  const [sizeLimit, setSizeLimit] = createSignal('6');
  const [assignment, setAssignment] = createSignal<BreakoutAssignment>('random');
  const [mainStage, setMainStage] = createSignal<BreakoutMainStage>('running');
  const [drafts, setDrafts] = createSignal<TableDraft[]>([]);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<unknown>(null);

  /** One row per table to name, as many as the count asks (within the limit). */
  const rows = () => {
    const wanted = Math.min(MAX_BREAKOUT_TABLES, Math.max(0, Math.trunc(Number(count()) || 0)));
    const known = drafts();
    return Array.from({ length: wanted }, (_, index) => known[index] ?? { name: '', topic: '' });
  };
  const setDraft = (index: number, change: Partial<TableDraft>) =>
    setDrafts(rows().map((row, at) => (at === index ? { ...row, ...change } : row)));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    const tables = rows().map((row) => ({
      ...(row.name.trim() ? { name: row.name.trim() } : {}),
      ...(row.topic.trim() ? { topic: row.topic.trim() } : {}),
    }));
    const checked = validateWith(
      openBreakoutsRequestSchema,
      {
        count: Number(count()),
        minutes: Number(minutes()),
        sizeLimit: Number(sizeLimit()),
        assignment: assignment(),
        mainStage: mainStage(),
        ...(tables.some((table) => table.name || table.topic) ? { tables } : {}),
      },
      t,
    );
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setProblem(null);
    setPending(true);
    try {
      await props.open(checked.data);
    } catch (error) {
      setProblem(error);
    } finally {
      setPending(false);
    }
  };

  const numberField = (
    key: 'count' | 'minutes' | 'sizeLimit',
    value: () => string,
    set: (value: string) => void,
    min: number,
    max: number,
  ) => (
    <Field label={t(`breakoutConsole.${key}`)} hint={t(`breakoutConsole.${key}Hint`)} error={errors()[key]}>
      {(control) => (
        <input
          {...control}
          class="field__control console-settings__number"
          type="number"
          inputmode="numeric"
          min={min}
          max={max}
          step="1"
          data-testid={`breakout-${key}`}
          value={value()}
          onInput={(event) => set(event.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <form class="console-section breakout-form" data-testid="open-tables-form" onSubmit={submit} novalidate>
      <h3 class="console-section__title">{t('breakoutConsole.openTitle')}</h3>
      <p class="field__hint">{t('breakoutConsole.openHint')}</p>
      <div class="breakout-form__numbers">
        {numberField('count', count, setCount, MIN_BREAKOUT_TABLES, MAX_BREAKOUT_TABLES)}
        {numberField('minutes', minutes, setMinutes, MIN_BREAKOUT_MINUTES, MAX_BREAKOUT_MINUTES)}
        {numberField('sizeLimit', sizeLimit, setSizeLimit, MIN_BREAKOUT_TABLE_SIZE, MAX_BREAKOUT_TABLE_SIZE)}
      </div>
      <fieldset class="field">
        <legend class="field__label">{t('breakoutConsole.assignment')}</legend>
        <div class="choice-field__options breakout-form__choices">
          <For each={BREAKOUT_ASSIGNMENTS}>
            {(choice) => (
              <label class="checkbox breakout-form__choice">
                <input
                  type="radio"
                  class="checkbox__input"
                  name={`${id}-assignment`}
                  value={choice}
                  data-testid={`breakout-assignment-${choice}`}
                  checked={assignment() === choice}
                  onChange={() => setAssignment(choice)}
                />
                <span>
                  <span class="breakout-form__choice-label">{t(`breakoutConsole.assignments.${choice}`)}</span>
                  <span class="field__hint">{t(`breakoutConsole.assignments.${choice}Hint`)}</span>
                </span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="field">
        <legend class="field__label">{t('breakoutConsole.mainStage')}</legend>
        <div class="choice-field__options">
          <For each={BREAKOUT_MAIN_STAGE}>
            {(choice) => (
              <label class="checkbox">
                <input
                  type="radio"
                  class="checkbox__input"
                  name={`${id}-stage`}
                  value={choice}
                  checked={mainStage() === choice}
                  onChange={() => setMainStage(choice)}
                />
                <span>{t(`breakoutConsole.mainStages.${choice}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <details class="breakout-form__names">
        <summary data-testid="breakout-names">{t('breakoutConsole.names')}</summary>
        <ol class="breakout-form__tables">
          <Index each={rows()}>
            {(row, index) => {
              const table = t('breakouts.tableNumber', { n: index + 1 });
              return (
                <li class="breakout-form__table">
                  <Field label={t('breakoutConsole.tableName', { table })} optional>
                    {(control) => (
                      <input
                        {...control}
                        class="field__control"
                        maxLength={BREAKOUT_TABLE_NAME_MAX_LENGTH}
                        data-testid="breakout-table-name"
                        value={row().name}
                        onInput={(event) => setDraft(index, { name: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <Field label={t('breakoutConsole.tableTopic', { table })} optional>
                    {(control) => (
                      <input
                        {...control}
                        class="field__control"
                        maxLength={BREAKOUT_TABLE_TOPIC_MAX_LENGTH}
                        data-testid="breakout-table-topic"
                        value={row().topic}
                        onInput={(event) => setDraft(index, { topic: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                </li>
              );
            }}
          </Index>
        </ol>
      </details>
      <Show when={errors().tables}>
        <p class="notice notice--problem">{errors().tables}</p>
      </Show>
      <div class="button-row">
        <button type="submit" class="button button--primary" data-testid="open-tables" aria-disabled={pending()}>
          {pending() ? t('breakoutConsole.opening') : t('breakoutConsole.open')}
        </button>
      </div>
      <FormProblem error={problem()} />
    </form>
  );
}
