// Screens that few people open (administration) are loaded on demand with a dynamic import,
// so the first load on a phone stays small. A failed download (flaky mobile link) can be
// retried without reloading the page.
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from './ErrorMessage.jsx';
import { Loading } from './Loading.jsx';

/** Wraps `load` (() => import(...).then(m => m.Screen)) into a component. */
export function lazy(load) {
  let Component = null;
  let pending = null;

  function fetchComponent() {
    if (!pending) {
      pending = load().then(
        (c) => {
          Component = c;
          return c;
        },
        (err) => {
          pending = null;
          throw err;
        },
      );
    }
    return pending;
  }

  return function LazyScreen(props) {
    // An initializer function: useState(Component) would call the screen as one.
    const [, setLoaded] = useState(() => Component);
    const [error, setError] = useState(null);
    const [attempt, setAttempt] = useState(0);

    useEffect(() => {
      if (Component) return undefined;
      let live = true;
      fetchComponent().then(
        (c) => live && setLoaded(() => c),
        (err) => live && setError(err),
      );
      return () => {
        live = false;
      };
    }, [attempt]);

    if (Component) return <Component {...props} />;
    if (error) {
      return (
        <ErrorMessage
          title="Không tải được màn hình này."
          error={{ message: 'Vui lòng kiểm tra kết nối mạng rồi thử lại.' }}
          onRetry={() => {
            setError(null);
            setAttempt((n) => n + 1);
          }}
        />
      );
    }
    return <Loading />;
  };
}
