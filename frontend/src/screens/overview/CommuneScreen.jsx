// One commune's page, opened from the overview's tiles: its figures since the start of the
// records, its issues by field as a chart and, for those who read issues, its issues (open
// first: GET /issues?commune_id=).
import { useEffect } from 'preact/hooks';
import { getUnit } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { addDays, isoDate, today } from '../../dates.js';
import { formatNumber } from '../../format.js';
import { listIssues } from '../../issuesApi.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { IssueList } from '../issues/IssueList.jsx';
import { loadRefs } from '../issues/refs.js';
import '../issues/issues.css';
import { OverviewFigures } from './index.jsx';
import { getBreakdown, getOverview } from './statsApi.js';
import { loadUplot } from './Chart.jsx';
import { GroupBars } from './charts.jsx';
import './overview.css';

const ISSUE_READERS = ['province_office', 'home_affairs', 'leadership'];

function load(id, role, signal) {
  const t = today();
  const range = { from: isoDate(addDays(t, -9 * 365)), to: isoDate(t), commune_id: id };
  return Promise.all([
    getUnit(id),
    getOverview(range, { signal }),
    getBreakdown('field', range, { signal }),
    ISSUE_READERS.includes(role) ? listIssues({ commune_id: id, sort: 'due_asc', limit: 50 }, { signal }) : null,
    ISSUE_READERS.includes(role) ? loadRefs() : null,
  ]).then(([unit, overview, fields, issues, refs]) => ({ unit, overview, fields: fields.items, issues, refs }));
}

export function CommuneScreen({ user, params }) {
  const id = Number(params.id);
  const r = useResource((signal) => load(id, user.role, signal), [id, user.role]);
  const d = r.data;
  useTitle(d ? d.unit.name : 'Xã, phường');
  useEffect(() => {
    loadUplot().catch(() => {});
  }, []);
  return (
    <div class="overview">
      <p class="back-link">
        <Link href="/tong-quan">← Tổng quan toàn tỉnh</Link>
      </p>
      <div class="page-head">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          {d ? d.unit.name : 'Xã, phường'}
        </h1>
        <p class="page-subtitle">Kiến nghị từ trước đến nay và tình hình hiện tại.</p>
      </div>
      {r.error ? (
        <ErrorMessage title="Không tải được số liệu của xã, phường." error={r.error} onRetry={r.retry} />
      ) : r.loading && !d ? (
        <Loading />
      ) : (
        <>
          <section class="overview-block" aria-labelledby="commune-figures">
            <h2 id="commune-figures" class="section-title">
              Số liệu
            </h2>
            <OverviewFigures data={d.overview} />
          </section>
          <section class="overview-block" aria-labelledby="commune-fields">
            <h2 id="commune-fields" class="section-title">
              Theo lĩnh vực
            </h2>
            <GroupBars rows={d.fields} label={`Kiến nghị của ${d.unit.name} theo lĩnh vực`} column="Lĩnh vực" />
          </section>
          {d.issues && (
            <section class="overview-block" aria-labelledby="commune-issues">
              <h2 id="commune-issues" class="section-title">
                Kiến nghị của {d.unit.name} ({formatNumber(d.issues.total ?? d.issues.items.length)})
              </h2>
              {d.issues.items.length ? (
                <IssueList issues={d.issues.items} refs={d.refs} role={user.role} label={`Kiến nghị của ${d.unit.name}`} />
              ) : (
                <p class="empty">Xã, phường chưa gửi kiến nghị nào.</p>
              )}
              {d.issues.total > d.issues.items.length && (
                <p class="section-more">
                  <Link href={`/kien-nghi?commune_id=${id}`}>Xem tất cả {formatNumber(d.issues.total)} kiến nghị</Link>
                </p>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
