// The bell in the header: a link to "Thông báo" with the unread count. The count is asked for
// when the app opens, every 60 s while the tab is visible, when the tab becomes visible again,
// and on moving to another page (at most every 15 s).
import { useEffect } from 'preact/hooks';
import { Link } from '../../router.js';
import { refreshUnread, setUnread, sinceAsked, useUnread } from './unread.js';
import './bell.css';

const POLL_MS = 60_000;

export function Bell({ path }) {
  const n = useUnread();

  useEffect(() => {
    // A new session: never show the previous user's count.
    setUnread(null);
    refreshUnread({ fresh: true });
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refreshUnread();
    }, POLL_MS);
    function onVisible() {
      if (document.visibilityState === 'visible' && sinceAsked() > 5_000) refreshUnread();
    }
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  useEffect(() => {
    if (sinceAsked() > 15_000) refreshUnread();
  }, [path]);

  const label = n ? `Thông báo: ${n} chưa đọc` : 'Thông báo';
  return (
    <Link href="/thong-bao" class="bell" aria-label={label} title={label} aria-current={path === '/thong-bao' ? 'page' : undefined}>
      <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
      </svg>
      {n > 0 && (
        <span class="bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </Link>
  );
}
