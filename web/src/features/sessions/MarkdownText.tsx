import { createResource, Show } from 'solid-js';
import './sessions.css';

// The Markdown parser and sanitizer load on first use, so a session's time and form never wait for them.
const loadRenderer = () => import('./markdown.ts');

/** A description written in Markdown, shown as sanitized HTML; plain text until the renderer is there. */
export function MarkdownText(props: { source: string; class?: string }) {
  const [renderer] = createResource(loadRenderer);
  return (
    <Show when={renderer()} fallback={<div class={`prose prose--plain ${props.class ?? ''}`}>{props.source}</div>}>
      {(loaded) => <div class={`prose ${props.class ?? ''}`} innerHTML={loaded().markdownToSafeHtml(props.source)} />}
    </Show>
  );
}
