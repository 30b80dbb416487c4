/**
 * Code a page uses only when someone acts (checking a form before it is sent): loaded once, on
 * first use, rather than with the page. `warm()` starts it early (on the first focus of the
 * form, so it is there by the time they send it); `get()` waits for it. A failed download (the
 * network) is tried again on the next use.
 */
export function loadLater<T>(load: () => Promise<T>): { warm(): void; get(): Promise<T> } {
  let loading: Promise<T> | undefined;
  const get = () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
  return { warm: () => void get().catch(() => undefined), get };
}
