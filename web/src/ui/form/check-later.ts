import { loadMessages } from '../../i18n/I18nProvider.tsx';
import { loadLater } from '../load-later.ts';
import type { Translate } from './field-errors.ts';
import type { Validation } from './validate-with.ts';

/**
 * A form's check with its shared schema, whose code (the schema and zod) loads on the form's
 * first focus rather than with the page: `warm()` on focus, `check(…)` on sending. It answers
 * undefined when that code could not be had (the network): the values then go as typed and the
 * server's own check answers, field by field. The check's messages (the `checks` bundle) come
 * with its code: nobody reads them before sending.
 */
export function checkLater<T>(load: () => Promise<(values: unknown, t: Translate) => Validation<T>>) {
  const code = loadLater(() => Promise.all([load(), loadMessages(['checks'])]).then(([check]) => check));
  return {
    warm: code.warm,
    check: (values: unknown, t: Translate): Promise<Validation<T> | undefined> =>
      code.get().then(
        (check) => check(values, t),
        () => undefined,
      ),
  };
}
