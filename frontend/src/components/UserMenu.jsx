// The account menu in the header: change password and log out. A disclosure button
// (aria-expanded) that closes with Escape, a click elsewhere, or after a choice.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../router.js';

export function UserMenu({ onLogout, busy, restricted }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef(null);
  const buttonRef = useRef(null);

  useEffect(() => {
    if (!open) return undefined;
    function onDocClick(event) {
      if (rootRef.current && !rootRef.current.contains(event.target)) setOpen(false);
    }
    function onKey(event) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current.focus();
      }
    }
    document.addEventListener('click', onDocClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onDocClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div
      class="user-menu"
      ref={rootRef}
      onFocusOut={(e) => {
        // Tabbing out of the menu closes it.
        if (open && e.relatedTarget && !rootRef.current.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        class="user-menu-button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="user-menu-panel"
        ref={buttonRef}
        onClick={() => setOpen((o) => !o)}
      >
        Tài khoản <span aria-hidden="true">▾</span>
      </button>
      <ul id="user-menu-panel" class="user-menu-panel" hidden={!open}>
        {!restricted && (
          <li>
            <Link href="/doi-mat-khau" class="user-menu-item" onClick={() => setOpen(false)}>
              Đổi mật khẩu
            </Link>
          </li>
        )}
        <li>
          <button
            type="button"
            class="user-menu-item"
            disabled={busy}
            onClick={() => {
              setOpen(false);
              onLogout();
            }}
          >
            {busy ? 'Đang đăng xuất…' : 'Đăng xuất'}
          </button>
        </li>
      </ul>
    </div>
  );
}
