// Copies a secret (a new password, an API token) to the clipboard. The Clipboard API needs a
// secure context; on plain HTTP inside an office network the text is selected instead so the
// user can copy it by hand.
import { useState } from 'preact/hooks';

export function CopyButton({ text, targetId, label = 'Sao chép' }) {
  const [state, setState] = useState('idle');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const el = targetId && document.getElementById(targetId);
      if (el && el.select) {
        el.focus();
        el.select();
      }
      setState('manual');
    }
  }

  return (
    <>
      <button type="button" class="button button-small" onClick={copy}>
        {label}
      </button>
      <span class="copy-status" role="status">
        {state === 'copied' && 'Đã sao chép.'}
        {state === 'manual' && 'Trình duyệt không cho sao chép tự động: đã chọn sẵn, hãy nhấn Ctrl+C (hoặc giữ để sao chép).'}
      </span>
    </>
  );
}
