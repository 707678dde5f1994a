// "Are you sure?" in place, for actions that cannot be undone (disable an account, revoke a
// token). The question takes focus so a screen reader reads it; the next Tab reaches the
// buttons; Escape or "Hủy" cancels.
import { useEffect, useRef } from 'preact/hooks';

export function Confirm({ question, confirmLabel, busy, onConfirm, onCancel }) {
  const ref = useRef(null);
  useEffect(() => ref.current && ref.current.focus(), []);
  return (
    <div
      class="confirm"
      role="group"
      aria-label="Xác nhận"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onCancel();
      }}
    >
      <p tabIndex={-1} ref={ref} class="confirm-question">
        {question}
      </p>
      <p class="actions">
        <button type="button" class="button button-danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Đang thực hiện…' : confirmLabel}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
          Hủy
        </button>
      </p>
    </div>
  );
}

/** Gives focus back to the button that opened a Confirm once it closes. */
export function useFocusBack(open) {
  const ref = useRef(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open && ref.current) ref.current.focus();
    wasOpen.current = open;
  }, [open]);
  return ref;
}
