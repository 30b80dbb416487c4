import { intlLocaleOf } from '@serambi/shared';
import { createUniqueId, For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FieldError } from '../../ui/form/Field.tsx';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

const STAR_PATH = 'M12 2.6l2.85 5.95 6.55.8-4.83 4.5 1.25 6.5L12 17.2l-5.82 3.15 1.25-6.5-4.83-4.5 6.55-.8z';

/** One star, filled, empty, or filled to `fill` (0–1) from the left. */
function Star(props: { fill: number; size: number }) {
  const clipId = createUniqueId();
  return (
    <svg class="star" width={props.size} height={props.size} viewBox="0 0 24 24" aria-hidden="true">
      <defs>
        <clipPath id={clipId}>
          <rect x="0" y="0" width={24 * props.fill} height="24" />
        </clipPath>
      </defs>
      <path d={STAR_PATH} class="star__empty" />
      <path d={STAR_PATH} class="star__full" clip-path={`url(#${clipId})`} />
    </svg>
  );
}

/** A rating shown as five stars (fractions too: 4.3 fills the fifth a third); read as "4.3 of 5 stars". */
export function Stars(props: { value: number; size?: number; class?: string }) {
  const { t, locale } = useI18n();
  const spoken = () => new Intl.NumberFormat(intlLocaleOf(locale()), { maximumFractionDigits: 1 }).format(props.value);
  return (
    <span class={`stars ${props.class ?? ''}`} role="img" aria-label={t('feedback.results.ratingOf', { n: spoken() })}>
      <For each={RATINGS}>
        {(n) => <Star fill={Math.min(1, Math.max(0, props.value - (n - 1)))} size={props.size ?? 20} />}
      </For>
    </span>
  );
}

/**
 * The 1–5 rating as a radio group drawn as stars: arrow keys move between them, each is read as
 * "4 of 5 stars: Good", and the chosen one's word stands beside the stars.
 */
export function StarRatingInput(props: {
  value: Rating | undefined;
  error: string | undefined;
  onChange: (rating: Rating) => void;
}) {
  const { t } = useI18n();
  const name = createUniqueId();
  const word = (rating: Rating) => t(`feedback.form.ratings.${rating}`);
  return (
    <fieldset
      class="field star-rating"
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${name}-error` : undefined}
      data-testid="feedback-rating"
    >
      <legend class="field__label">{t('feedback.form.ratingLegend')}</legend>
      <div class="star-rating__row">
        <div class="star-rating__stars">
          <For each={RATINGS}>
            {(n) => (
              <label class="star-rating__star" classList={{ 'star-rating__star--on': (props.value ?? 0) >= n }}>
                <input
                  type="radio"
                  class="star-rating__input"
                  name={name}
                  value={n}
                  checked={props.value === n}
                  aria-label={t('feedback.form.starLabel', { n, label: word(n) })}
                  onChange={() => props.onChange(n)}
                />
                {/* Filled by the class (and, under a pointer, by hovering), so the stars preview a choice. */}
                <Star fill={1} size={36} />
              </label>
            )}
          </For>
        </div>
        <span class="star-rating__word" aria-hidden="true" classList={{ 'star-rating__word--empty': !props.value }}>
          {props.value ? word(props.value) : t('feedback.form.noRating')}
        </span>
      </div>
      <FieldError id={`${name}-error`} message={props.error} />
    </fieldset>
  );
}
