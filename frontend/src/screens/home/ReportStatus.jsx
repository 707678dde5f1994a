// The weekly report on the home page (loaded on demand, with the reporting helpers): for a
// department, this week's report state and the countdown to its deadline (Thursday 09:00);
// for Sở Nội vụ, the live compliance board in figures and the consolidated report's state
// with the countdown to 17:00. Real data only: GET /periods (current), the report, the board.
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatDateTime, formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { getCompliance, getConsolidated, getReport, listPeriods } from '../../reportsApi.js';
import { useResource } from '../../useResource.js';
import { STATUSES, STATUS_ORDER } from '../reports/labels.js';
import { Badge, Deadline, ReportStateBadge, TimelinessBadge } from '../reports/parts.jsx';
import '../reports/common.css';
import '../reports/reports.css';
import { Section } from './Section.jsx';

async function currentPeriod(signal) {
  const list = await listPeriods({ signal });
  return list.items.find((p) => p.id === list.current) || null;
}

async function loadDepartment(unitId, signal) {
  const period = await currentPeriod(signal);
  if (!period) return { period: null };
  const report = await getReport(period.id, unitId, { signal });
  return { period, report };
}

async function loadHomeAffairs(signal) {
  const period = await currentPeriod(signal);
  if (!period) return { period: null };
  const [board, consolidated] = await Promise.all([getCompliance(period.id, { signal }), getConsolidated(period.id, { signal })]);
  return { period, board, consolidated };
}

function DepartmentStatus({ data }) {
  const { period, report } = data;
  const latest = report.versions && report.versions.length ? report.versions[report.versions.length - 1] : null;
  const submitted = report.state === 'submitted';
  return (
    <>
      <p class="report-state-line">
        <strong>{period.name}</strong> <ReportStateBadge state={report.state} />{' '}
        {latest && submitted && (
          <span>
            Phiên bản {latest.number} gửi lúc {formatDateTime(latest.submitted_at)} <TimelinessBadge lateSeconds={latest.late_seconds} />
          </span>
        )}
      </p>
      <Deadline label="Hạn gửi" at={period.report_deadline} done={submitted} />
      <p class="section-more">
        <Link href="/bao-cao">{submitted ? 'Xem báo cáo tuần' : 'Soạn và gửi báo cáo tuần'}</Link>
      </p>
    </>
  );
}

function HomeAffairsStatus({ data }) {
  const { period, board, consolidated } = data;
  const counts = {};
  for (const item of board.items) counts[item.status] = (counts[item.status] || 0) + 1;
  const latest = consolidated.versions && consolidated.versions.length ? consolidated.versions[consolidated.versions.length - 1] : null;
  return (
    <>
      <p class="report-state-line">
        <span>
          <strong>{period.name}</strong> – {formatNumber(board.items.length)} sở, ban, ngành:
        </span>
      </p>
      <ul class="stats board-summary" aria-label="Tình hình gửi báo cáo">
        {STATUS_ORDER.filter((s) => counts[s]).map((s) => (
          <li key={s} class="stat">
            <span class="stat-number">{formatNumber(counts[s])}</span>
            <span class="stat-label">
              <Badge tone={STATUSES[s].tone}>{STATUSES[s].label}</Badge>
            </span>
          </li>
        ))}
      </ul>
      <Deadline label="Sở, ngành gửi báo cáo" at={period.report_deadline} done={!counts.draft && !counts.not_started && !counts.returned && !counts.missing} />
      <p class="report-state-line">
        Báo cáo tổng hợp:{' '}
        {latest ? (
          <span>
            đã gửi phiên bản {latest.number} lúc {formatDateTime(latest.submitted_at)} <TimelinessBadge lateSeconds={latest.late_seconds} />
          </span>
        ) : (
          <Badge tone="info">Chưa gửi</Badge>
        )}
      </p>
      <Deadline label="Hạn tổng hợp" at={period.consolidation_deadline} done={Boolean(latest)} />
      <p class="section-more">
        <Link href="/bao-cao">Bảng theo dõi báo cáo</Link> · <Link href="/bao-cao/tong-hop">Báo cáo tổng hợp</Link>
      </p>
    </>
  );
}

export function ReportStatus({ user }) {
  const dept = user.role !== 'home_affairs';
  const unitId = user.unit && user.unit.id;
  const r = useResource((signal) => (dept ? loadDepartment(unitId, signal) : loadHomeAffairs(signal)), [user.role, unitId]);
  return (
    <Section id="report-status" title={dept ? 'Báo cáo tuần này' : 'Báo cáo tuần của các sở, ngành'}>
      {r.error ? (
        <ErrorMessage title="Không tải được tình hình báo cáo tuần." error={r.error} onRetry={r.retry} />
      ) : r.loading && !r.data ? (
        <Loading>Đang tải tình hình báo cáo…</Loading>
      ) : !r.data.period ? (
        <p class="empty">Chưa có kỳ báo cáo nào sắp đến hạn.</p>
      ) : dept ? (
        <DepartmentStatus data={r.data} />
      ) : (
        <HomeAffairsStatus data={r.data} />
      )}
    </Section>
  );
}
