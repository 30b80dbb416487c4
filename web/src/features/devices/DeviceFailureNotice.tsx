export function DeviceFailureNotice(props: {
  message: string;
  retryLabel: string;
  busy: boolean;
  onRetry: () => void;
}) {
  return (
    <div class="notice notice--problem" role="alert">
      <p>{props.message}</p>
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus that pressed it. */}
      <button
        type="button"
        class="button button--small"
        aria-disabled={props.busy}
        onClick={() => {
          if (!props.busy) props.onRetry();
        }}
      >
        {props.retryLabel}
      </button>
    </div>
  );
}
