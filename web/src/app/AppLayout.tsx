import type { RouteSectionProps } from '@solidjs/router';
import { Suspense } from 'solid-js';
import { SiteFooter } from './SiteFooter.tsx';
import { SiteHeader } from './SiteHeader.tsx';
import { SkipLink } from './SkipLink.tsx';

const MAIN_CONTENT_ID = 'main-content';

/** The frame around every page: skip link, header, the page itself, footer. */
export function AppLayout(props: RouteSectionProps) {
  return (
    <>
      <SkipLink targetId={MAIN_CONTENT_ID} />
      <SiteHeader />
      {/* tabindex lets the skip link move keyboard focus here, not only the scroll position. */}
      <main id={MAIN_CONTENT_ID} class="site-main" tabindex="-1">
        <Suspense>{props.children}</Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
