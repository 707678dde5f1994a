// Small pieces the report screens share: badges, the deadline line with its countdown, the
// figures, the save status of a draft, and the Excel/CSV downloads of a frozen version.
import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, formatTime } from '../../format.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { countdown, deadlineText, durationText, useNow } from './time.js';
import { FIGURES, REPORT_STATES, STATUSES } from './labels.js';

export function Badge({ tone = 'none', children }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** A department report's state: Đang soạn / Đã gửi / Bị trả lại. */
export function ReportStateBadge({ state }) {
  const s = REPORT_STATES[state] || REPORT_STATES.draft;
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** A compliance status, with how late for a late report. */
export function StatusBadge({ item }) {
  const s = STATUSES[item.status] || { label: item.status, tone: 'none' };
  return (
    <Badge tone={s.tone}>
      {s.label}
      {item.status === 'late' && item.late_seconds ? ` ${durationText(item.late_seconds)}` : ''}
    </Badge>
  );
}

/** "Đúng hạn" or "Trễ hạn (trễ 2 giờ)" for a submitted version. */
export function TimelinessBadge({ lateSeconds }) {
  return lateSeconds > 0 ? <Badge tone="bad">Trễ hạn {durationText(lateSeconds)}</Badge> : <Badge tone="ok">Đúng hạn</Badge>;
}

/** "Hạn gửi: trước 09:00 thứ Năm, 03/12/2026 — còn 4 ngày 22 giờ", ticking. */
export function Deadline({ label, at, done }) {
  const now = useNow(30_000);
  const c = countdown(at, now);
  return (
    <p class={`deadline${c.past && !done ? ' deadline-past' : ''}`}>
      <span class="deadline-label">{label}:</span> <strong>{deadlineText(at)}</strong>
      {!done && <span class="deadline-left"> — {c.text}</span>}
    </p>
  );
}

/** The figures as big numbers; `labels` may rename some. */
export function Figures({ figures, labels = {}, extra = [] }) {
  if (!figures) return null;
  const items = [...extra, ...FIGURES.map((f) => ({ ...f, label: labels[f.key] || f.label }))];
  return (
    <ul class="stats report-figures" aria-label="Số liệu tổng hợp">
      {items.map((f) => (
        <li key={f.key} class="stat">
          <span class="stat-number">{formatNumber(figures[f.key] ?? 0)}</span>
          <span class="stat-label">{f.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Đã lưu lúc 14:40" and the other states of a draft being saved. */
export function SaveStatus({ status, onRetry }) {
  let text;
  let tone = 'muted';
  switch (status.kind) {
    case 'pending':
      text = 'Có thay đổi chưa lưu…';
      break;
    case 'saving':
      text = 'Đang lưu…';
      break;
    case 'saved':
      text = status.at ? `Đã lưu lúc ${formatTime(status.at)}` : 'Đã lưu';
      tone = 'ok';
      break;
    case 'error':
      text = `Chưa lưu được: ${(status.error && status.error.message) || 'lỗi không xác định'} Nội dung vẫn còn trên màn hình.`;
      tone = 'bad';
      break;
    case 'conflict':
      text = `Chưa lưu: người khác vừa sửa báo cáo này${status.at ? ` lúc ${formatTime(status.at)}` : ''}. Nội dung bạn gõ vẫn giữ nguyên; nội dung của họ hiện dưới các ô khác nhau.`;
      tone = 'bad';
      break;
    case 'locked':
      text = 'Báo cáo đã được gửi nên không lưu thêm được.';
      tone = 'bad';
      break;
    default:
      text = 'Nội dung được tự động lưu nháp khi bạn gõ.';
  }
  return (
    <p class={`save-status save-status-${tone}`} role="status">
      {text}
      {status.kind === 'error' && onRetry && (
        <>
          {' '}
          <button type="button" class="button button-small" onClick={onRetry}>
            Lưu lại
          </button>
        </>
      )}
    </p>
  );
}

// Hands a downloaded file to the browser as a download.
function saveFile({ blob, filename }, fallback) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename || fallback;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * "Tải Excel" and "Tải CSV" (with the list to export) for a frozen version.
 * `load({format, list})` resolves with {blob, filename}.
 */
export function Downloads({ id, lists, load, base }) {
  const [list, setList] = useState(lists[0].id);
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);

  async function get(format) {
    setBusy(format);
    setError(null);
    try {
      const file = await load(format === 'csv' ? { format, list } : { format });
      saveFile(file, `${base}.${format}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="downloads">
      <button type="button" class="button button-small" disabled={busy !== null} onClick={() => get('xlsx')}>
        {busy === 'xlsx' ? 'Đang tải…' : 'Tải Excel (.xlsx)'}
      </button>
      <span class="downloads-csv">
        <label for={`${id}-list`} class="visually-hidden">
          Danh sách xuất CSV
        </label>
        <select id={`${id}-list`} class="input select input-small" value={list} onChange={(e) => setList(e.currentTarget.value)}>
          {lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
        <button type="button" class="button button-small" disabled={busy !== null} onClick={() => get('csv')}>
          {busy === 'csv' ? 'Đang tải…' : 'Tải CSV'}
        </button>
      </span>
      {error && <ErrorMessage title="Không tải được tệp." error={error} onRetry={() => setError(null)} />}
    </div>
  );
}

export const REPORT_LISTS = [
  { id: 'summary', label: 'Tổng hợp số liệu' },
  { id: 'trainings', label: 'Hội nghị tập huấn' },
  { id: 'received', label: 'Kiến nghị tiếp nhận' },
  { id: 'resolved', label: 'Đã hướng dẫn, giải quyết' },
  { id: 'higher', label: 'Trình cấp trên' },
];

export const CONSOLIDATED_LISTS = [
  { id: 'summary', label: 'Tổng hợp số liệu' },
  { id: 'compliance', label: 'Tình hình gửi báo cáo' },
  { id: 'higher', label: 'Vấn đề cần tỉnh, Trung ương giải quyết' },
  { id: 'other_proposals', label: 'Kiến nghị, đề xuất khác' },
];

/** "08:15 03/12/2026" or a dash. */
export function when(value) {
  return value ? formatDateTime(value) : '—';
}
