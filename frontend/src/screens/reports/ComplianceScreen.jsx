// "Theo dõi báo cáo": who has sent this period's report — on time, late (and by how much),
// returned, not sent, still drafting — with both deadlines counting down. Refreshes itself
// every 60 seconds (and when the tab comes back into view).
import { useEffect } from 'preact/hooks';
import { getCompliance } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber, formatTime } from '../../format.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { STATUSES, STATUS_ORDER } from './labels.js';
import { Deadline, StatusBadge, when } from './parts.jsx';
import { PeriodMissing, PeriodPicker, usePeriod } from './PeriodPicker.jsx';

const REFRESH_MS = 60_000;

export function ComplianceScreen({ user }) {
  useTitle('Theo dõi báo cáo');
  const periodState = usePeriod();
  const { period, periods, asked } = periodState;
  const pid = period && period.id;
  const board = useResource((signal) => (pid ? getCompliance(pid, { signal }) : Promise.resolve(null)), [pid]);

  useEffect(() => {
    if (!pid) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') board.retry();
    }, REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && board.retry();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pid]);

  const data = board.data && board.data.period.id === pid ? board.data : null;
  let content;
  if (periods.data && !period) content = asked ? <PeriodMissing /> : <p class="empty">Chưa có kỳ báo cáo nào.</p>;
  else if (board.error && !data) content = <ErrorMessage title="Không tải được tình hình gửi báo cáo." error={board.error} onRetry={board.retry} />;
  else if (!data) content = periods.error ? null : <Loading>Đang tải tình hình gửi báo cáo…</Loading>;
  else content = <Board data={data} loading={board.loading} error={board.error} onRefresh={board.retry} />;

  return (
    <div class="report-page">
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Theo dõi báo cáo
        </h1>
        <p class="actions">
          <Link href={`/bao-cao/tong-hop${pid ? `?ky=${pid}` : ''}`} class="button">
            Báo cáo tổng hợp
          </Link>
          {user.role === 'home_affairs' && (
            <Link href="/bao-cao/ky-bao-cao" class="button button-secondary">
              Kỳ báo cáo
            </Link>
          )}
        </p>
      </div>
      <div class="report-toolbar">
        <PeriodPicker id="board-period" state={periodState} />
      </div>
      {content}
    </div>
  );
}

function Board({ data, loading, error, onRefresh }) {
  const counts = {};
  for (const item of data.items) counts[item.status] = (counts[item.status] || 0) + 1;
  const pid = data.period.id;
  return (
    <>
      <section class="card deadlines" aria-label="Hạn báo cáo">
        <Deadline label="Sở, ngành gửi báo cáo" at={data.period.report_deadline} />
        <Deadline label="Sở Nội vụ tổng hợp" at={data.period.consolidation_deadline} />
      </section>
      <ul class="status-counts" aria-label="Tổng số theo tình trạng">
        {STATUS_ORDER.filter((s) => counts[s]).map((s) => (
          <li key={s} class={`status-count status-count-${STATUSES[s].tone}`}>
            <span class="status-count-number">{formatNumber(counts[s])}</span> {STATUSES[s].label}
          </li>
        ))}
      </ul>
      <p class="board-refresh" role="status">
        {loading ? 'Đang cập nhật…' : `Cập nhật lúc ${formatTime(data.now)} · tự động làm mới mỗi phút`}{' '}
        <button type="button" class="button button-small" onClick={onRefresh} disabled={loading}>
          Làm mới
        </button>
      </p>
      {error && <ErrorMessage title="Chưa cập nhật được; đang hiện số liệu lần trước." error={error} />}
      <table class="data-table board-table">
        <caption class="visually-hidden">Tình hình gửi báo cáo của các sở, ban, ngành – {data.period.name}</caption>
        <thead>
          <tr>
            <th scope="col">Sở, ban, ngành</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Gửi lúc</th>
            <th scope="col">Ghi chú</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((item) => (
            <tr key={item.unit.id} class={`board-row board-row-${item.status}`}>
              <th scope="row" data-label="Sở, ban, ngành">
                <Link href={`/bao-cao/don-vi/${item.unit.id}?ky=${pid}`}>{item.unit.name}</Link>
              </th>
              <td data-label="Tình trạng">
                <StatusBadge item={item} />
              </td>
              {item.submitted_at ? (
                <td data-label="Gửi lúc">
                  {when(item.submitted_at)}
                  {item.version > 1 ? ` (phiên bản ${item.version})` : ''}
                </td>
              ) : (
                <td class="cell-empty">—</td>
              )}
              {item.status === 'returned' ? (
                <td data-label="Ghi chú">
                  Trả lại lúc {when(item.returned_at)}: {item.return_reason}
                </td>
              ) : (
                <td class="cell-empty" />
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
