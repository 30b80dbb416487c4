import { useQuery } from '@tanstack/solid-query';
import { type ComponentProps, Show, Suspense } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { loadMessages } from '../../i18n/I18nProvider.tsx';
import { lazyComponent } from '../../ui/lazy-component.ts';
import { hasMaterialsToShow, materialsQuery } from './materials-api.ts';

const MaterialsSection = lazyComponent(() =>
  Promise.all([import('./MaterialsSection.tsx'), loadMessages(['materials'])]).then(
    ([module]) => module.MaterialsSection,
  ),
);

/**
 * The materials section on a page, its code and messages loaded only when there is something in
 * it: most sessions share no files, and the list's answer is far smaller than the section (which
 * reads the same cached answer). A failed answer draws the section too, which explains it.
 */
export function MaterialsIfAny(props: ComponentProps<typeof MaterialsSection>) {
  const api = useApi();
  const materials = useQuery(() => materialsQuery(api, props.source));
  return (
    <Show when={materials.isError || (materials.data && hasMaterialsToShow(materials.data))}>
      <Suspense>
        <MaterialsSection {...props} />
      </Suspense>
    </Show>
  );
}
