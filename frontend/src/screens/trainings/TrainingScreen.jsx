// One training conference: when, how, which fields, what was guided, who attended (with the
// computed totals), the issues answered and the recommendations collected. The organizing
// department edits it and adds recommendations from here.
import { useState } from 'preact/hooks';
import { addRecommendations, getTraining, newKey } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Notice } from '../../components/Notice.jsx';
import { formatDateTime, formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { FORMATS, issueState } from '../reports/labels.js';
import { Narrative } from '../reports/ReportSections.jsx';
import { weekday } from '../reports/time.js';
import { RecommendationRows, checkRecommendations, leadChoices, recommendationItems } from './RecommendationRows.jsx';
import { loadRefs } from './refs.js';

const DEPARTMENT_ROLES = ['department_officer', 'department_head'];
const ISSUE_READERS = ['commune_officer', 'department_officer', 'department_head', 'province_office', 'home_affairs', 'leadership'];

function IssueLink({ issue, role }) {
  return ISSUE_READERS.includes(role) ? (
    <Link href={`/kien-nghi/${issue.id}`} class="mono">
      {issue.code}
    </Link>
  ) : (
    <span class="mono">{issue.code}</span>
  );
}

export function TrainingScreen({ user, params }) {
  const training = useResource((signal) => getTraining(params.id, { signal }), [params.id]);
  const refs = useResource(() => loadRefs(), []);
  const t = training.data && String(training.data.id) === String(params.id) ? training.data : null;
  useTitle(t ? t.title : 'Hội nghị tập huấn');

  if (training.error && !t) {
    return (
      <>
        <p class="breadcrumb">
          <Link href="/tap-huan">Hội nghị tập huấn</Link> <span aria-hidden="true">›</span>
        </p>
        <ErrorMessage
          title={training.error.status === 404 ? 'Không tìm thấy hội nghị tập huấn này.' : 'Không tải được hội nghị.'}
          error={training.error}
          onRetry={training.error.status === 404 ? null : training.retry}
        />
      </>
    );
  }
  if (!t) return <Loading>Đang tải hội nghị…</Loading>;

  const organizer = DEPARTMENT_ROLES.includes(user.role) && user.unit && t.organizer && user.unit.id === t.organizer.id;
  const fieldName = refs.data ? refs.data.fieldName : (s) => s;
  return (
    <article class="training" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link href="/tap-huan">Hội nghị tập huấn</Link> <span aria-hidden="true">›</span>
      </p>
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          {t.title}
        </h1>
        {organizer && (
          <Link href={`/tap-huan/${t.id}/sua`} class="button button-secondary">
            Sửa hội nghị
          </Link>
        )}
      </div>
      <dl class="facts card">
        <div>
          <dt>Đơn vị tổ chức</dt>
          <dd>{t.organizer && t.organizer.name}</dd>
        </div>
        <div>
          <dt>Lần tổ chức</dt>
          <dd>Lần {t.round}</dd>
        </div>
        <div>
          <dt>Thời gian bắt đầu</dt>
          <dd>
            {formatDateTime(t.starts_at)} ({weekday(t.starts_at)})
          </dd>
        </div>
        <div>
          <dt>Hình thức</dt>
          <dd>{FORMATS[t.format] || t.format}</dd>
        </div>
        {t.link && (
          <div>
            <dt>Đường dẫn</dt>
            <dd>
              <a href={t.link} rel="noopener noreferrer" target="_blank">
                {t.link}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>Lĩnh vực</dt>
          <dd>{t.fields.length ? t.fields.map(fieldName).join('; ') : '—'}</dd>
        </div>
      </dl>
      <ul class="stats block" aria-label="Số liệu tham dự">
        <li class="stat">
          <span class="stat-number">{formatNumber(t.communes_total)}</span>
          <span class="stat-label">Xã, phường tham dự</span>
        </li>
        <li class="stat">
          <span class="stat-number">{formatNumber(t.participants_total)}</span>
          <span class="stat-label">Người tham dự</span>
        </li>
        <li class="stat">
          <span class="stat-number">{formatNumber(t.answered_issues.length)}</span>
          <span class="stat-label">Kiến nghị đã giải đáp</span>
        </li>
        <li class="stat">
          <span class="stat-number">{formatNumber(t.recommendations.length)}</span>
          <span class="stat-label">Kiến nghị thu thập</span>
        </li>
      </ul>

      <section class="home-section" aria-labelledby="tr-contents">
        <h2 id="tr-contents" class="section-title">
          Nội dung hướng dẫn
        </h2>
        <Narrative text={t.contents} />
      </section>

      <section class="home-section" aria-labelledby="tr-attendance">
        <h2 id="tr-attendance" class="section-title">
          Thành phần tham dự
        </h2>
        {t.attendance.length === 0 ? (
          <p class="muted">Chưa ghi nhận xã, phường tham dự.</p>
        ) : (
          <table class="data-table attendance-table">
            <caption class="visually-hidden">Các xã, phường tham dự và số người</caption>
            <thead>
              <tr>
                <th scope="col">Xã, phường</th>
                <th scope="col" class="num">
                  Số người
                </th>
              </tr>
            </thead>
            <tbody>
              {t.attendance.map((a) => (
                <tr key={a.commune_id}>
                  <th scope="row">{a.name}</th>
                  <td class="num">{formatNumber(a.participants)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Tổng cộng ({formatNumber(t.communes_total)} xã, phường)</th>
                <td class="num">{formatNumber(t.participants_total)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>

      <section class="home-section" aria-labelledby="tr-answered">
        <h2 id="tr-answered" class="section-title">
          Kiến nghị đã giải đáp tại hội nghị
        </h2>
        {t.answered_issues.length === 0 ? (
          <p class="muted">Không có.</p>
        ) : (
          <ul class="report-list">
            {t.answered_issues.map((i) => (
              <li key={i.id} class="report-item">
                <IssueLink issue={i} role={user.role} /> {i.title} <span class="muted">· {issueState(i.state)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Recommendations training={t} user={user} organizer={organizer} refs={refs.data} onAdded={training.retry} />

      <section class="home-section" aria-labelledby="tr-minutes">
        <h2 id="tr-minutes" class="section-title">
          Biên bản hội nghị
        </h2>
        <Narrative text={t.minutes} />
      </section>
    </article>
  );
}

function Recommendations({ training, user, organizer, refs, onAdded }) {
  const [rows, setRows] = useState([]);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(null);
  const [key, setKey] = useState({ json: null, value: null });
  const names = new Map(training.attendance.map((a) => [a.commune_id, a.name]));

  async function send() {
    const attending = new Set(training.attendance.map((a) => a.commune_id));
    const found = checkRecommendations(rows, attending, (slug) => leadChoices(slug, refs, training.organizer.id).length > 0);
    setErrors(found);
    if (Object.keys(found).length) return;
    const items = recommendationItems(rows);
    const json = JSON.stringify(items);
    const k = key.json === json ? key.value : newKey();
    setKey({ json, value: k });
    setBusy(true);
    setFormError(null);
    try {
      const res = await addRecommendations(training.id, items, k);
      setRows([]);
      setNotice(`Đã tạo ${res.issue_ids.length} kiến nghị của xã, phường từ hội nghị.`);
      onAdded();
    } catch (err) {
      setFormError(err.message || 'Chưa gửi được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="home-section" aria-labelledby="tr-recs">
      <h2 id="tr-recs" class="section-title">
        Kiến nghị thu thập tại hội nghị
      </h2>
      <Notice>{notice}</Notice>
      {training.recommendations.length === 0 ? (
        <p class="muted">Chưa có kiến nghị nào được ghi nhận từ hội nghị.</p>
      ) : (
        <ul class="report-list">
          {training.recommendations.map((i) => (
            <li key={i.id} class="report-item">
              <IssueLink issue={i} role={user.role} /> {i.title}{' '}
              <span class="muted">
                · {names.get(i.commune_id) || (refs && refs.unitName(i.commune_id))} · {issueState(i.state)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {organizer && refs && (
        <div class="block">
          <RecommendationRows
            rows={rows}
            onChange={setRows}
            attendance={training.attendance}
            refs={refs}
            organizerId={training.organizer.id}
            defaultField={training.fields[0] || ''}
            errors={errors}
            legend="Ghi nhận thêm kiến nghị"
          />
          {formError && (
            <p class="form-error" role="alert">
              {formError}
            </p>
          )}
          {rows.length > 0 && (
            <p class="actions">
              <button type="button" class="button" disabled={busy} onClick={send}>
                {busy ? 'Đang gửi…' : `Ghi nhận ${rows.length} kiến nghị`}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
