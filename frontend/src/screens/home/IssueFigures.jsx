// Real issue figures on the home page, counted by the API (GET /issues … limit=1 → total):
// for a commune its open issues, answers waiting for its confirmation and returned ones; for a
// department its inbox and what is overdue; for the province office what waits for UBND tỉnh
// and for ministries; province-wide figures for the leadership and Sở Nội vụ. Each links to
// the list it counts.
import { countIssues } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { useResource } from '../../useResource.js';
import { Section } from './Section.jsx';
import './issueFigures.css';

const OPEN = 'submitted,in_progress,escalated_province,escalated_central,reopened';
const INBOX = 'submitted,in_progress,reopened';

// {title, figures: [{label, params, href, alert}], action?}
function setup(user) {
  const unit = user.unit || {};
  switch (user.role) {
    case 'commune_officer': {
      const xa = /^phường/i.test(unit.name || '') ? 'phường' : 'xã';
      return {
        title: `Kiến nghị của ${xa}`,
        action: { href: '/kien-nghi/gui', label: 'Gửi kiến nghị' },
        figures: [
          { label: 'kiến nghị đang được giải quyết', params: { state: OPEN }, href: '/kien-nghi?view=open' },
          { label: `câu trả lời chờ ${xa} xác nhận`, params: { state: 'answered' }, href: '/kien-nghi?view=answered', alert: true },
          { label: 'kiến nghị bị trả lại, cần bổ sung', params: { state: 'returned' }, href: '/kien-nghi?view=returned', alert: true },
        ],
      };
    }
    case 'department_officer':
    case 'department_head':
      return {
        title: 'Hộp kiến nghị',
        figures: [
          { label: 'kiến nghị đang chờ đơn vị xử lý', params: { holder_unit_id: unit.id, state: INBOX }, href: '/kien-nghi' },
          { label: 'kiến nghị quá hạn', params: { holder_unit_id: unit.id, state: INBOX, overdue: 'true' }, href: '/kien-nghi?overdue=true', alert: true },
        ],
      };
    case 'province_office':
      return {
        title: 'Vấn đề trình UBND tỉnh',
        figures: [
          { label: 'vấn đề chờ UBND tỉnh quyết định', params: { level: 'province' }, href: '/kien-nghi', alert: true },
          { label: 'kiến nghị chờ Bộ, ngành Trung ương trả lời', params: { level: 'central' }, href: '/kien-nghi?view=central' },
        ],
      };
    case 'home_affairs':
    case 'leadership':
      return {
        title: 'Kiến nghị toàn tỉnh',
        figures: [
          { label: 'kiến nghị đang được giải quyết', params: { state: OPEN }, href: '/kien-nghi?view=open' },
          { label: 'kiến nghị quá hạn', params: { overdue: 'true' }, href: '/kien-nghi?view=overdue', alert: true },
          { label: 'kiến nghị đã kết thúc', params: { state: 'closed' }, href: '/kien-nghi?state=closed' },
        ],
      };
    default:
      return null;
  }
}

export function IssueFigures({ user }) {
  const s = setup(user);
  const counts = useResource((signal) => Promise.all(s.figures.map((f) => countIssues(f.params, { signal }))), [user.role, user.unit && user.unit.id]);
  return (
    <Section id="issue-figures" title={s.title}>
      {counts.error ? (
        <ErrorMessage title="Không tải được số liệu kiến nghị." error={counts.error} onRetry={counts.retry} />
      ) : counts.loading && !counts.data ? (
        <Loading>Đang đếm kiến nghị…</Loading>
      ) : (
        <ul class="stats">
          {s.figures.map((f, i) => {
            const n = counts.data[i];
            return (
              <li key={f.label} class={f.alert && n > 0 ? 'stat stat-alert' : 'stat'}>
                <Link href={f.href} class="stat-link">
                  <span class="stat-number">{formatNumber(n)}</span>
                  <span class="stat-label">{f.label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <p class="section-more actions">
        {s.action && (
          <Link href={s.action.href} class="button">
            {s.action.label}
          </Link>
        )}
        <Link href="/kien-nghi" class="button button-secondary">
          Xem danh sách
        </Link>
      </p>
    </Section>
  );
}
