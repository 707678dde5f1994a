// "Diễn biến": every event of the issue, oldest first — each transition (from → to state),
// comment and edit, with who did it, for which unit, and when — then the comment box.
import { useState } from 'preact/hooks';
import { Field } from '../../components/Field.jsx';
import { formatDateTime } from '../../format.js';
import { addComment } from '../../issuesApi.js';
import { formatDay } from './days.js';
import { eventLabel } from './labels.js';
import { StateBadge } from './StateBadge.jsx';

const EDITED = { title: 'tiêu đề', description: 'nội dung', kind: 'loại', shareable: 'chia sẻ vào thư viện', supporting_unit_ids: 'sở phối hợp' };

// Extra facts an event carries in `data`, as short Vietnamese lines.
function details(event, refs) {
  const d = event.data || {};
  const out = [];
  if (event.action === 'edited') {
    const names = Object.keys(d.after || {}).map((k) => EDITED[k] || k);
    if (names.length) out.push(`Đã sửa: ${names.join(', ')}`);
    return out;
  }
  if (d.unit_id) out.push(`Chuyển đến: ${(refs && refs.unitName(d.unit_id)) || `đơn vị #${d.unit_id}`}`);
  if (d.ministry_id) out.push(`Bộ, ngành: ${(refs && refs.unitName(d.ministry_id)) || `#${d.ministry_id}`}`);
  if (d.dispatch_no) out.push(`Công văn số ${d.dispatch_no}${d.dispatch_date ? ` ngày ${formatDay(d.dispatch_date)}` : ''}`);
  if (d.legal_basis) out.push(`Căn cứ: ${d.legal_basis}`);
  if (d.shareable === true) out.push('Chia sẻ vào thư viện hỏi đáp');
  if (event.action === 'grouped' && d.title) out.push(`Nhóm: ${d.title}`);
  else if (d.group_id && event.action !== 'grouped') out.push('Trả lời chung cho nhóm kiến nghị');
  return out;
}

export function Timeline({ events, refs }) {
  return (
    <ol class="timeline" aria-label="Diễn biến xử lý">
      {events.map((e) => (
        <li key={e.id} class={`timeline-item timeline-${e.action === 'comment' ? 'comment' : 'step'}`}>
          <p class="timeline-head">
            <span class="timeline-what">{eventLabel(e.action)}</span>
            {e.from_state && e.to_state && e.from_state !== e.to_state && (
              <span class="timeline-states">
                <StateBadge state={e.from_state} /> <span aria-label="chuyển sang">→</span> <StateBadge state={e.to_state} />
              </span>
            )}
            {!e.from_state && e.to_state && <StateBadge state={e.to_state} />}
          </p>
          <p class="timeline-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {' · '}
            {e.actor ? e.actor.full_name : 'Hệ thống'}
            {e.unit && <> · {e.unit.name}</>}
          </p>
          {e.note && <p class="timeline-note">{e.note}</p>}
          {details(e, refs).map((line) => (
            <p key={line} class="timeline-extra">
              {line}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}

export function CommentForm({ issueId, onAdded }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError('Nhập nội dung ý kiến.');
      document.getElementById('comment-text').focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addComment(issueId, text.trim());
      setText('');
      setBusy(false);
      onAdded();
    } catch (err) {
      setBusy(false);
      setError(err.status === 0 ? 'Không kết nối được máy chủ; ý kiến của bạn vẫn còn trong ô, hãy gửi lại.' : err.message);
    }
  }

  return (
    <form class="form comment-form" onSubmit={submit} noValidate>
      <Field id="comment-text" label="Thêm ý kiến" hint="Ý kiến hiện trong diễn biến; bên kia được thông báo." error={error}>
        {(aria) => (
          <textarea
            class="input textarea"
            rows={3}
            maxLength={5000}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              if (error) setError(null);
            }}
            {...aria}
          />
        )}
      </Field>
      <p class="actions">
        <button type="submit" class="button button-secondary" disabled={busy}>
          {busy ? 'Đang gửi…' : 'Gửi ý kiến'}
        </button>
      </p>
    </form>
  );
}
