// Choosing the reporting period: the periods that have started (newest first) and the one due
// next, marked "kỳ hiện tại". The choice lives in the address (?ky=68), so a link or Back
// brings the same period.
import { listPeriods } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { today, isoDate } from '../../dates.js';
import { navigate, useLocation } from '../../router.js';
import { useResource } from '../../useResource.js';

/** The periods and which one the address (or the default, `current`) chooses. */
export function usePeriod() {
  const { path, search } = useLocation();
  const periods = useResource((signal) => listPeriods({ signal }), []);
  const asked = new URLSearchParams(search).get('ky');
  const data = periods.data;
  let period = null;
  if (data) {
    const want = asked ? Number(asked) : data.current;
    period = data.items.find((p) => p.id === want) || (asked ? null : data.items[data.items.length - 1]);
  }
  const choose = (id) => {
    const q = new URLSearchParams(search);
    q.set('ky', String(id));
    navigate(`${path}?${q}`, { replace: true });
  };
  return { periods, period, asked, choose };
}

/** Keeps the periods worth offering: started ones, the current one, and the one shown. */
function offered(data, shownId) {
  const now = isoDate(today());
  return data.items.filter((p) => p.starts_on <= now || p.id === data.current || p.id === shownId);
}

export function PeriodPicker({ id = 'period', state }) {
  const { periods, period, choose } = state;
  if (periods.error) return <ErrorMessage title="Không tải được danh sách kỳ báo cáo." error={periods.error} onRetry={periods.retry} />;
  if (!periods.data) return <Loading>Đang tải kỳ báo cáo…</Loading>;
  const list = offered(periods.data, period && period.id);
  return (
    <div class="field period-picker">
      <label for={id} class="field-label">
        Kỳ báo cáo
      </label>
      <select id={id} class="input select" value={period ? String(period.id) : ''} onChange={(e) => choose(e.currentTarget.value)}>
        {!period && <option value="">— Chọn kỳ báo cáo —</option>}
        {list.map((p) => (
          <option key={p.id} value={String(p.id)}>
            {p.name}
            {p.id === periods.data.current ? ' (kỳ hiện tại)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What to show when the address names a period that does not exist. */
export function PeriodMissing() {
  return (
    <p class="empty" role="status">
      Không tìm thấy kỳ báo cáo này. Hãy chọn một kỳ trong danh sách.
    </p>
  );
}
