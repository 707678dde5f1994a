// The tokens issued: who holds each, its prefix (to match what a tool shows), dates, when it
// was last used; active ones can be revoked after a confirmation.
import { useState } from 'preact/hooks';
import { revokeApiToken } from '../../../api.js';
import { Confirm, useFocusBack } from '../../../components/Confirm.jsx';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { formatDate, formatDateTime } from '../../../format.js';
import { lastValidDay } from './expiry.js';

function status(t) {
  if (t.revoked_at) return { tone: 'bad', text: `Đã thu hồi lúc ${formatDateTime(t.revoked_at)}` };
  if (new Date(t.expires_at).getTime() <= Date.now()) return { tone: 'bad', text: 'Đã hết hạn' };
  return { tone: 'ok', text: 'Đang hiệu lực' };
}

export function TokenList({ tokens, onRevoked }) {
  return (
    <ul class="cards" aria-label="Các mã đã cấp">
      {tokens.map((t) => (
        <TokenItem key={t.id} token={t} onRevoked={onRevoked} />
      ))}
    </ul>
  );
}

function TokenItem({ token: t, onRevoked }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const s = status(t);
  const triggerRef = useFocusBack(confirming);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await revokeApiToken(t.id);
      setConfirming(false);
      onRevoked();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  return (
    <li class={s.tone === 'ok' ? 'card-item' : 'card-item is-disabled'}>
      <div class="card-item-head">
        <span class="card-item-title">{t.name}</span>
        <span class="mono">{t.prefix}…</span>
      </div>
      <p class="card-item-meta">
        {t.user ? `${t.user.full_name} (${t.user.username})` : ''}
      </p>
      <dl class="facts facts-compact">
        <div>
          <dt>Cấp ngày</dt>
          <dd>{formatDate(t.created_at)}</dd>
        </div>
        <div>
          <dt>Dùng được đến hết</dt>
          <dd>{lastValidDay(t.expires_at)}</dd>
        </div>
        <div>
          <dt>Dùng lần cuối</dt>
          <dd>{t.last_used_at ? formatDateTime(t.last_used_at) : 'Chưa dùng'}</dd>
        </div>
      </dl>
      <p class="badges">
        <span class={`badge badge-${s.tone}`}>{s.text}</span>
      </p>
      {error && <ErrorMessage title="Chưa thu hồi được mã." error={error} />}
      {s.tone === 'ok' &&
        (confirming ? (
          <Confirm
            question={`Thu hồi mã “${t.name}”? Công cụ đang dùng mã này mất quyền truy cập ngay; không thể hoàn tác.`}
            confirmLabel="Thu hồi mã"
            busy={busy}
            onConfirm={revoke}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <p class="actions">
            <button type="button" class="button button-secondary" ref={triggerRef} onClick={() => setConfirming(true)}>
              Thu hồi…
            </button>
          </p>
        ))}
    </li>
  );
}
