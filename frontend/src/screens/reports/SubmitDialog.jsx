// "Gửi báo cáo?" as a modal dialog (the native <dialog>: focus stays inside, Escape closes).
// After the deadline it says the report will be marked late.
import { useEffect, useRef } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { countdown, deadlineText } from './time.js';

export function SubmitDialog({ open, title, children, deadline, deadlineLabel, confirmLabel, busy, error, onConfirm, onClose }) {
  const ref = useRef(null);
  const opener = useRef(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    if (!open && opener.current && opener.current.focus) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);

  const late = open && deadline && countdown(deadline).past;
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="submit-dialog-title"
      aria-describedby="submit-dialog-text"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="submit-dialog-title" class="dialog-title">
        {title}
      </h2>
      <div id="submit-dialog-text" class="dialog-text">
        {children}
        {deadline &&
          (late ? (
            <p class="dialog-warning">
              Đã quá hạn {deadlineLabel} ({deadlineText(deadline)}): báo cáo sẽ được ghi nhận là <strong>trễ hạn</strong>.
            </p>
          ) : (
            <p>
              Hạn {deadlineLabel}: {deadlineText(deadline)} ({countdown(deadline).text}).
            </p>
          ))}
      </div>
      {error && <ErrorMessage title="Chưa gửi được." error={error} />}
      <p class="actions dialog-actions">
        <button type="button" class="button" disabled={busy} onClick={onConfirm}>
          {busy ? 'Đang gửi…' : confirmLabel}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onClose}>
          Hủy
        </button>
      </p>
    </dialog>
  );
}
