// System status from GET /api/health: a one-line verdict, the version and when it was checked.
import { getHealth } from '../api.js';
import { formatDateTime } from '../format.js';
import { useResource } from '../useResource.js';

// What to tell the user for each situation; `tone` picks the colour and icon.
function verdict({ data, error, loading }) {
  if (loading && !data) return { tone: 'pending', text: 'Đang kiểm tra trạng thái hệ thống…' };
  if (error) return { tone: 'bad', text: 'Không kết nối được máy chủ ứng dụng' };
  if (data.status === 'ok') return { tone: 'ok', text: 'Hệ thống hoạt động bình thường' };
  if (data.database && data.database.status !== 'ok') {
    return { tone: 'bad', text: 'Cơ sở dữ liệu không truy cập được' };
  }
  return { tone: 'bad', text: 'Hệ thống đang gặp sự cố' };
}

const ICONS = { ok: '✓', bad: '!', pending: '…' };

export function HealthStatus() {
  const health = useResource((signal) => getHealth({ signal }), []);
  const { tone, text } = verdict(health);
  const data = health.error ? null : health.data;
  const checkedAt = data && formatDateTime(data.time);

  return (
    <section class={`health health-${tone}`} aria-labelledby="health-title">
      <h2 id="health-title" class="visually-hidden">Trạng thái hệ thống</h2>
      <span class="health-icon" aria-hidden="true">{ICONS[tone]}</span>
      <div class="health-body">
        <p class="health-text" role="status">{text}</p>
        {data && (
          <p class="health-meta">
            {data.version && <>Phiên bản {data.version}</>}
            {data.version && checkedAt && ' · '}
            {checkedAt && <>Kiểm tra lúc {checkedAt}</>}
          </p>
        )}
      </div>
      {tone !== 'pending' && (
        <button type="button" class="button button-small" onClick={health.retry} disabled={health.loading}>
          Kiểm tra lại
        </button>
      )}
    </section>
  );
}
