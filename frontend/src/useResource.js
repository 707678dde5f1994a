// A small hook for "load something from the API": loading / error / data, a retry function,
// and cancellation of the request in flight when the inputs change or the component goes away.
import { useEffect, useState, useCallback } from 'preact/hooks';

/**
 * Calls `load(signal)` whenever `deps` change or retry() is called.
 * Returns {data, error, loading, retry}; `data` keeps the last good value while reloading.
 */
export function useResource(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
