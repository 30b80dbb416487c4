import { type JSX, Show } from 'solid-js';

/** The narrow page around an account form: heading, the form on a card, and the way to the other form. */
export function AuthPageLayout(props: {
  title: string;
  lead: string;
  /** A line above the title, e.g. which step of getting started this is. */
  eyebrow?: string | undefined;
  /** The line under the card that leads to the other account page. */
  switchLine: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <div class="page page--narrow auth-page">
      <header class="page__header">
        <Show when={props.eyebrow}>
          <p class="eyebrow">{props.eyebrow}</p>
        </Show>
        <h1>{props.title}</h1>
        <p class="page__lead">{props.lead}</p>
      </header>
      <div class="card">{props.children}</div>
      <p class="auth-page__switch">{props.switchLine}</p>
    </div>
  );
}
