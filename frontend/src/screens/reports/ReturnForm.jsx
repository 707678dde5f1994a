// Sở Nội vụ returns a submitted report for correction, with a reason the department reads.
import { useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field.jsx';
import { useFocusBack } from '../../components/Confirm.jsx';

export function ReturnForm({ onReturn }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const input = useRef(null);
  const back = useFocusBack(open);

  async function submit(event) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Vui lòng nêu lý do trả lại để sở, ngành biết cần sửa gì.');
      input.current && input.current.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await onReturn(reason.trim());
      setOpen(false);
      setReason('');
    } catch (err) {
      setFormError(err.message || 'Chưa trả lại được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <p class="actions">
        <button type="button" class="button button-secondary" ref={back} onClick={() => setOpen(true)}>
          Trả lại để chỉnh sửa
        </button>
      </p>
    );
  }
  return (
    <form class="form return-form" onSubmit={submit} noValidate>
      {formError && (
        <p class="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field id="return-reason" label="Lý do trả lại" error={error} hint="Sở, ngành sẽ thấy lý do này cùng báo cáo.">
        {(aria) => (
          <textarea
            class="input textarea"
            rows={3}
            maxLength={5000}
            ref={(el) => {
              input.current = el;
              if (el && !el.dataset.focused) {
                el.dataset.focused = '1';
                el.focus();
              }
            }}
            {...aria}
            value={reason}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <p class="actions">
        <button type="submit" class="button button-danger" disabled={busy}>
          {busy ? 'Đang trả lại…' : 'Trả lại báo cáo'}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={() => setOpen(false)}>
          Hủy
        </button>
      </p>
    </form>
  );
}
