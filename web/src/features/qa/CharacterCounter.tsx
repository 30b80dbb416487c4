import { useI18n } from '../../i18n/I18nProvider.tsx';

/** "120/300", red past the limit; a screen reader hears how many are left when it reads the field. */
export function CharacterCounter(props: { id: string; length: number; max: number }) {
  const { t } = useI18n();
  return (
    <span id={props.id} class="character-counter" classList={{ 'character-counter--over': props.length > props.max }}>
      <span aria-hidden="true">{`${props.length}/${props.max}`}</span>
      <span class="visually-hidden">{t('characterCounter.left', { left: props.max - props.length })}</span>
    </span>
  );
}
