/** The logo: a veranda roof on two posts, the "serambi" the product is named after. */
export function SerambiMark() {
  return (
    <svg class="brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <g fill="none" stroke="var(--color-on-accent)" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">
        <path d="M5 14.5 16 7l11 7.5" />
        <path d="M9 14.5V25M23 14.5V25M6.5 25h19" />
      </g>
    </svg>
  );
}
