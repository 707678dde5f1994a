// "Kỳ báo cáo" (Sở Nội vụ, administrators): the periods with their deadlines; add one, or move
// a deadline (e.g. around a public holiday) — sent with If-Match so two people cannot
// silently overwrite each other.
import { useRef, useState } from 'preact/hooks';
import { createPeriod, listPeriods, updatePeriod } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { TextField } from '../../components/Field.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Notice } from '../../components/Notice.jsx';
import { addDays, isoDate, parseDate, today } from '../../dates.js';
import { formatDate, formatTime } from '../../format.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { MomentField } from './MomentField.jsx';
import { deadlineText, showIsoDate, vnMoment } from './time.js';

const CODE = /^\d{4}-(R\d+|W\d{2})$/;

export function PeriodsScreen({ user }) {
  useTitle('Kỳ báo cáo');
  const periods = useResource((signal) => listPeriods({ signal }), []);
  const [all, setAll] = useState(false);
  const [notice, setNotice] = useState(null);
  const [adding, setAdding] = useState(false);

  const now = isoDate(today());
  const near = (p) => p.ends_on >= isoDate(addDays(today(), -35)) && p.starts_on <= isoDate(addDays(today(), 35));
  const items = periods.data ? periods.data.items.filter((p) => all || near(p)) : [];

  return (
    <div class="report-page narrow-wide">
      {user.role === 'home_affairs' && (
        <p class="breadcrumb">
          <Link href="/bao-cao">Theo dõi báo cáo</Link> <span aria-hidden="true">›</span>
        </p>
      )}
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Kỳ báo cáo
        </h1>
        {!adding && (
          <button type="button" class="button" onClick={() => setAdding(true)}>
            Thêm kỳ báo cáo
          </button>
        )}
      </div>
      <p class="page-lead">
        Mỗi kỳ có hạn sở, ngành gửi báo cáo và hạn Sở Nội vụ tổng hợp, tính theo giờ Việt Nam. Mặc định: sở, ngành gửi trước 09:00 thứ Năm, tổng hợp trước 17:00
        cùng ngày.
      </p>
      <Notice>{notice}</Notice>
      {adding && (
        <PeriodCreateForm
          onCancel={() => setAdding(false)}
          onCreated={(p) => {
            setAdding(false);
            setNotice(`Đã thêm kỳ ${p.name}.`);
            periods.retry();
          }}
        />
      )}
      {periods.error && !periods.data ? (
        <ErrorMessage title="Không tải được danh sách kỳ báo cáo." error={periods.error} onRetry={periods.retry} />
      ) : !periods.data ? (
        <Loading>Đang tải kỳ báo cáo…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {all ? `${periods.data.total} kỳ báo cáo` : `${items.length} kỳ gần đây (trên tổng số ${periods.data.total})`}{' '}
            <button type="button" class="button button-small" onClick={() => setAll((a) => !a)}>
              {all ? 'Chỉ hiện các kỳ gần đây' : 'Hiện tất cả'}
            </button>
          </p>
          <ul class="cards period-list" aria-label="Danh sách kỳ báo cáo">
            {items.map((p) => (
              <PeriodItem
                key={p.id}
                period={p}
                current={p.id === periods.data.current}
                started={p.starts_on <= now}
                onSaved={(next) => {
                  setNotice(`Đã cập nhật kỳ ${next.name}.`);
                  periods.retry();
                }}
                onStale={periods.retry}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PeriodItem({ period, current, onSaved, onStale }) {
  const [editing, setEditing] = useState(false);
  return (
    <li class="card-item period-item">
      <div class="card-item-head">
        <span class="card-item-title">{period.name}</span>
        <span class="badges">
          <span class="badge">{period.code}</span>
          {current && <span class="badge badge-ok">Kỳ hiện tại</span>}
        </span>
      </div>
      <p class="card-item-meta">
        Từ {showIsoDate(period.starts_on)} đến {showIsoDate(period.ends_on)}
      </p>
      <p class="card-item-meta">Sở, ngành gửi: {deadlineText(period.report_deadline)}</p>
      <p class="card-item-meta">Tổng hợp: {deadlineText(period.consolidation_deadline)}</p>
      {editing ? (
        <PeriodEditForm
          period={period}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            onSaved(next);
          }}
          onStale={onStale}
        />
      ) : (
        <p class="actions">
          <button type="button" class="button button-small" onClick={() => setEditing(true)} aria-label={`Dời hạn hoặc đổi tên kỳ ${period.name}`}>
            Dời hạn, đổi tên
          </button>
        </p>
      )}
    </li>
  );
}

// Turns API refusals into messages next to fields.
function fieldErrors(err, fieldOf) {
  const f = err && err.details && (err.details.field || err.details.parameter);
  if (f && fieldOf[f]) return { [fieldOf[f]]: err.message };
  return { form: (err && err.message) || 'Chưa lưu được. Vui lòng thử lại.' };
}

const FIELD_OF = {
  code: 'code',
  name: 'name',
  starts_on: 'starts',
  ends_on: 'ends',
  report_deadline: 'report',
  consolidation_deadline: 'consolidation',
};

function checkDeadlines(v, found) {
  const report = vnMoment(v.reportDate, v.reportTime);
  const consolidation = vnMoment(v.consDate, v.consTime);
  if (!report) found.report = 'Nhập ngày dạng dd/mm/yyyy và giờ dạng HH:mm, ví dụ 03/12/2026 và 09:00.';
  if (!consolidation) found.consolidation = 'Nhập ngày dạng dd/mm/yyyy và giờ dạng HH:mm, ví dụ 03/12/2026 và 17:00.';
  if (report && consolidation && new Date(consolidation) < new Date(report)) found.consolidation = 'Hạn tổng hợp không được trước hạn sở, ngành gửi báo cáo.';
  return { report, consolidation };
}

function PeriodCreateForm({ onCancel, onCreated }) {
  const [v, setV] = useState({ code: '', name: '', starts: '', ends: '', reportDate: '', reportTime: '09:00', consDate: '', consTime: '17:00' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const form = useRef(null);
  const set = (key, errKey = key) => (value) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => (e[errKey] ? { ...e, [errKey]: null } : e));
  };

  async function submit(event) {
    event.preventDefault();
    const found = {};
    const code = v.code.trim().toUpperCase();
    if (!CODE.test(code)) found.code = 'Mã kỳ dạng 2026-W05 (tuần) hoặc 2026-R2 (đợt).';
    if (!v.name.trim()) found.name = 'Vui lòng nhập tên kỳ, ví dụ "Tuần 03/12 – 09/12/2026".';
    const starts = parseDate(v.starts);
    const ends = parseDate(v.ends);
    if (!starts) found.starts = 'Nhập ngày dạng dd/mm/yyyy.';
    if (!ends) found.ends = 'Nhập ngày dạng dd/mm/yyyy.';
    else if (starts && isoDate(ends) < isoDate(starts)) found.ends = 'Ngày kết thúc không được trước ngày bắt đầu.';
    const { report, consolidation } = checkDeadlines(v, found);
    setErrors(found);
    if (Object.keys(found).some((k) => found[k])) {
      const first = form.current.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await createPeriod({
        code,
        name: v.name.trim(),
        starts_on: isoDate(starts),
        ends_on: isoDate(ends),
        report_deadline: report,
        consolidation_deadline: consolidation,
      });
      onCreated(created);
    } catch (err) {
      setErrors(err.status === 409 ? { code: 'Mã kỳ này đã có.' } : fieldErrors(err, FIELD_OF));
      setBusy(false);
    }
  }

  return (
    <form class="form card period-form" ref={form} onSubmit={submit} noValidate aria-labelledby="period-create-title">
      <h2 id="period-create-title" class="card-title">
        Thêm kỳ báo cáo
      </h2>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="form-grid">
        <TextField
          id="period-code"
          label="Mã kỳ"
          hint="2026-W05 cho tuần, 2026-R2 cho đợt"
          autocomplete="off"
          maxLength={16}
          value={v.code}
          error={errors.code}
          onInput={(e) => set('code')(e.currentTarget.value)}
        />
        <TextField id="period-name" label="Tên kỳ" maxLength={200} value={v.name} error={errors.name} onInput={(e) => set('name')(e.currentTarget.value)} />
        <TextField
          id="period-starts"
          label="Từ ngày (dd/mm/yyyy)"
          inputMode="numeric"
          maxLength={10}
          value={v.starts}
          error={errors.starts}
          onInput={(e) => set('starts')(e.currentTarget.value)}
        />
        <TextField
          id="period-ends"
          label="Đến ngày (dd/mm/yyyy)"
          inputMode="numeric"
          maxLength={10}
          value={v.ends}
          error={errors.ends}
          onInput={(e) => set('ends')(e.currentTarget.value)}
        />
      </div>
      <MomentField
        id="period-report"
        label="Hạn sở, ngành gửi báo cáo (trước)"
        date={v.reportDate}
        time={v.reportTime}
        onDate={set('reportDate', 'report')}
        onTime={set('reportTime', 'report')}
        error={errors.report}
      />
      <MomentField
        id="period-consolidation"
        label="Hạn Sở Nội vụ tổng hợp (trước)"
        date={v.consDate}
        time={v.consTime}
        onDate={set('consDate', 'consolidation')}
        onTime={set('consTime', 'consolidation')}
        error={errors.consolidation}
      />
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Thêm kỳ'}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
          Hủy
        </button>
      </p>
    </form>
  );
}

function PeriodEditForm({ period, onCancel, onSaved, onStale }) {
  const [v, setV] = useState({
    name: period.name,
    reportDate: formatDate(period.report_deadline),
    reportTime: formatTime(period.report_deadline),
    consDate: formatDate(period.consolidation_deadline),
    consTime: formatTime(period.consolidation_deadline),
  });
  const [version, setVersion] = useState(period.version);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const form = useRef(null);
  const set = (key, errKey = key) => (value) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => (e[errKey] ? { ...e, [errKey]: null } : e));
  };
  const idp = `period-${period.id}`;

  async function submit(event) {
    event.preventDefault();
    const found = {};
    if (!v.name.trim()) found.name = 'Vui lòng nhập tên kỳ.';
    const { report, consolidation } = checkDeadlines(v, found);
    setErrors(found);
    if (Object.keys(found).length) {
      const first = form.current.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await updatePeriod(period.id, version, { name: v.name.trim(), report_deadline: report, consolidation_deadline: consolidation });
      onSaved(next);
    } catch (err) {
      if (err.status === 412) {
        if (err.details && err.details.version) setVersion(err.details.version);
        setErrors({ form: 'Kỳ này vừa được người khác cập nhật. Danh sách đã tải lại; nội dung bạn nhập vẫn giữ nguyên — kiểm tra rồi bấm Lưu lần nữa.' });
        onStale();
      } else {
        setErrors(fieldErrors(err, { name: 'name', report_deadline: 'report', consolidation_deadline: 'consolidation' }));
      }
      setBusy(false);
    }
  }

  return (
    <form class="form period-form period-edit" ref={form} onSubmit={submit} noValidate aria-label={`Sửa kỳ ${period.name}`}>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField id={`${idp}-name`} label="Tên kỳ" maxLength={200} value={v.name} error={errors.name} onInput={(e) => set('name')(e.currentTarget.value)} />
      <MomentField
        id={`${idp}-report`}
        label="Hạn sở, ngành gửi báo cáo (trước)"
        date={v.reportDate}
        time={v.reportTime}
        onDate={set('reportDate', 'report')}
        onTime={set('reportTime', 'report')}
        error={errors.report}
      />
      <MomentField
        id={`${idp}-consolidation`}
        label="Hạn Sở Nội vụ tổng hợp (trước)"
        date={v.consDate}
        time={v.consTime}
        onDate={set('consDate', 'consolidation')}
        onTime={set('consTime', 'consolidation')}
        error={errors.consolidation}
      />
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Lưu'}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
          Hủy
        </button>
      </p>
    </form>
  );
}
