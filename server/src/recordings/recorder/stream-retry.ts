/** A streaming recorder's retries, and what its reports never carry. */

const STREAM_RETRY_MAX_SECONDS = 30;

/** Seconds before a stream's next attempt after `failures` failures in a row: 2, 4, 8, 16, then 30. */
export function streamRetryDelaySeconds(failures: number): number {
  return Math.min(STREAM_RETRY_MAX_SECONDS, 2 ** Math.max(1, failures));
}

/** Text with every one of `secrets` (as written, or URL-encoded) replaced by an ellipsis. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))].filter(Boolean);
  return (text) => forms.reduce((out, form) => out.split(form).join('…'), text);
}
