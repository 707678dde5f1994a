// The token just created, shown this once: only its hash is stored on the server.
import { useEffect, useRef } from 'preact/hooks';
import { lastValidDay } from './expiry.js';
import { SecretReveal } from '../shared/SecretReveal.jsx';

export function NewToken({ token, onClose }) {
  const ref = useRef(null);
  useEffect(() => ref.current && ref.current.focus(), []);
  return (
    <section class="card card-attention" aria-labelledby="new-token-title">
      <h2 id="new-token-title" class="section-title" tabIndex={-1} ref={ref}>
        Đã cấp mã “{token.name}”
      </h2>
      <p>
        Cho tài khoản <strong>{token.user ? `${token.user.full_name} (${token.user.username})` : ''}</strong>, dùng được
        đến hết ngày {lastValidDay(token.expires_at)}.
      </p>
      <SecretReveal
        id="new-token-value"
        label="Mã truy cập"
        value={token.token}
        warning="Hãy sao chép và lưu mã này ngay vào nơi an toàn. Mã chỉ hiển thị một lần: sau khi đóng, không ai xem lại được, kể cả quản trị hệ thống."
      />
      <p class="actions">
        <button type="button" class="button" onClick={onClose}>
          Tôi đã lưu mã, đóng lại
        </button>
      </p>
    </section>
  );
}
