import { appCodeMayLoad, startEarlyRoomEntry } from './features/room/early-entry.ts';

/**
 * room.html's only script, loaded `async`: a few hundred bytes that ask for the join and LiveKit's
 * code as soon as the page's head is read (early-entry.ts), then, once LiveKit's code is in, the
 * app: the room page and what it imports, listed by the build in `<meta name="serambi-room-app">`
 * (web/vite.config.ts), all at once, and the app's entry, also listed there. On a phone's link the app's code would
 * otherwise share the bandwidth with the join and LiveKit's code.
 */
startEarlyRoomEntry(location.pathname);
void appCodeMayLoad().then(() => {
  const listed = document.querySelector<HTMLMetaElement>('meta[name="serambi-room-app"]')?.content ?? '';
  // The app's entry first, then what it and the room page import.
  const [entry, ...imported] = listed.split(' ').filter(Boolean);
  if (!entry) throw new Error('room.html lists no app to load');
  for (const file of imported) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = file;
    document.head.append(link);
  }
  // Named at build time, so not a module the bundler can follow from here.
  return import(/* @vite-ignore */ entry);
});
