import { validateWithoutEval } from '@serambi/shared';
import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { preloadPage } from './app/routes.ts';
import { loadMessages } from './i18n/I18nProvider.tsx';
import './styles.css';

// Before any module parses with zod: under the CSP (no eval) zod's code-generating probe would
// be reported as a violation on every page that parses something.
validateWithoutEval();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Before anything is drawn, everything the first page needs is asked for at once: a personal
// link into the room joins (room.html's early-room.ts has started that already; this is for
// index.html, as the dev server serves it), the page's code and messages load beside the site's
// own. Imported only for links: other pages do not carry the early entry's code.
if (/^\/j\/[^/]+\/live\/?$/.test(location.pathname)) {
  void import('./features/room/early-entry.ts').then(({ startEarlyRoomEntry }) =>
    startEarlyRoomEntry(location.pathname),
  );
}
preloadPage(location.pathname);
void loadMessages(['site']).then(() => {
  // room.html's "connecting" line, shown while the app's code was on its way.
  root.replaceChildren();
  render(() => <App />, root);
});
