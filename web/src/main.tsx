import { validateWithoutEval } from '@serambi/shared';
import { render } from 'solid-js/web';
import { createApiClient } from './api/client.ts';
import { App } from './app/App.tsx';
import { preloadPage } from './app/routes.ts';
import { startEarlyRoomEntry } from './features/room/early-entry.ts';
import { currentLocale, loadMessages } from './i18n/I18nProvider.tsx';
import './styles.css';

// Before any module parses with zod: under the CSP (no eval) zod's code-generating probe would
// be reported as a violation on every page that parses something.
validateWithoutEval();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Before anything is drawn, everything the first page needs is asked for at once: a personal
// link into the room joins, the page's code and messages load beside the site's own.
startEarlyRoomEntry(location.pathname, createApiClient(currentLocale));
preloadPage(location.pathname);
void loadMessages(['site']).then(() => render(() => <App />, root));
