// Helpers for the issue forms: an Idempotency-Key per submission attempt (the same key when
// the same thing is sent again after a failure, so a retry never raises or answers twice), and
// API refusals turned into messages next to the right fields.
import { useRef } from 'preact/hooks';

/** 32 random hex characters; crypto.getRandomValues works on plain HTTP too. */
export function randomKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Returns keyFor(body): the key of the attempt in progress while `body` stays the same (a
 * retry), a new one when the user changed something; and done() once the server has answered
 * for good, so the next submission is a new attempt.
 */
export function useIdempotencyKey() {
  const attempt = useRef(null);
  return {
    keyFor(body) {
      const sig = JSON.stringify(body);
      if (!attempt.current || attempt.current.sig !== sig) attempt.current = { key: randomKey(), sig };
      return attempt.current.key;
    },
    done() {
      attempt.current = null;
    },
  };
}

/** True when the request may or may not have reached the server: retrying must reuse the key. */
export function uncertain(err) {
  return !err || err.status === 0 || err.status >= 500;
}

/**
 * {field: message} for a refused request. `fieldOf` maps the API's field names
 * (details.field) to the form's; `required` gives the message for a missing value. Anything
 * that cannot be placed next to a field goes to `form`.
 */
export function fieldErrors(err, fieldOf = {}, required = {}) {
  if (!err || err.name === 'AbortError') return {};
  const details = err.details || {};
  const apiField = details.field || details.parameter;
  const field = fieldOf[apiField] || null;
  if (field && err.status >= 400 && err.status < 500) {
    const missing = err.code === 'missing_input' || err.code === 'missing_field';
    return { [field]: (missing && required[field]) || err.message };
  }
  if (err.status === 0) return { form: 'Không kết nối được máy chủ. Nội dung bạn nhập vẫn còn; vui lòng kiểm tra mạng rồi bấm gửi lại.' };
  return { form: err.message || 'Chưa gửi được. Vui lòng thử lại.' };
}

/** Moves focus to the first field (in `order`) that has a message. */
export function focusFirstError(errors, ids) {
  for (const [key, id] of Object.entries(ids)) {
    if (errors[key]) {
      const el = document.getElementById(id);
      if (el) el.focus();
      return;
    }
  }
  if (errors.form) {
    const el = document.querySelector('.form-error');
    if (el) el.focus();
  }
}
