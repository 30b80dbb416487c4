import { createUniqueId, type JSX } from 'solid-js';

/** One card of a long form, named by its heading so screen readers can jump between them. */
export function FormSection(props: { heading: string; children: JSX.Element }) {
  const headingId = createUniqueId();
  return (
    <section class="card form-section" aria-labelledby={headingId}>
      <h2 id={headingId} class="form-section__heading">
        {props.heading}
      </h2>
      {props.children}
    </section>
  );
}
