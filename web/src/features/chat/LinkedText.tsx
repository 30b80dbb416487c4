import { For, Match, Switch } from 'solid-js';
import { splitLinks } from './chat-links.ts';

/**
 * Text as written, with its http(s) addresses as links that open apart from the room and pass
 * it nothing. Solid sets text nodes, never HTML: markup in a message shows as the characters it is.
 */
export function LinkedText(props: { text: string }) {
  return (
    <For each={splitLinks(props.text)}>
      {(part) => (
        <Switch>
          <Match when={part.kind === 'link' && part}>
            {(link) => (
              <a href={link().href} target="_blank" rel="noopener noreferrer nofollow ugc">
                {link().text}
              </a>
            )}
          </Match>
          <Match when={part.kind === 'text'}>{part.text}</Match>
        </Switch>
      )}
    </For>
  );
}
