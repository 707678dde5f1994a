// "Tổng quan toàn tỉnh" for the leadership, the Party committee readers, Sở Nội vụ and the
// province office: the figures of a date range (/stats/overview), week by week issues raised,
// answered and the time to answer, the weekly share of communes running smoothly
// (/stats/smooth), issues by state, field, level and department (/stats/breakdown), and all
// communes as tiles coloured by their open and overdue issues, each opening its page.
// Its own chunk: nothing here is in the first download; the charts' library (uPlot) is a
// chunk of its own again, fetched while the figures load (Chart.jsx).
import { useEffect, useState } from 'preact/hooks';
import { listUnits } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { TextField } from '../../components/Field.jsx';
import { Loading } from '../../components/Loading.jsx';
import { addDays, isoDate, parseDate, showDate, today, compareDates } from '../../dates.js';
import { formatNumber } from '../../format.js';
import { Link, navigate, useLocation } from '../../router.js';
import { makeMatcher } from '../../text.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { loadUplot } from './Chart.jsx';
import { AnswerTimeLine, GroupBars, ShareLine, StateBars, WeeklyLines, hoursText, pct } from './charts.jsx';
import { formatDay } from './days.js';
import { getBreakdown, getOverview, getSmooth, getWeeks } from './statsApi.js';
import './overview.css';

const LEVEL_NAMES = { commune: 'Xã, phường', department: 'Sở, ngành', province: 'UBND tỉnh', central: 'Bộ, ngành Trung ương' };

const FIGURES = [
  { key: 'raised', label: 'kiến nghị được gửi' },
  { key: 'answered', label: 'kiến nghị được trả lời' },
  { key: 'escalated', label: 'vấn đề trình UBND tỉnh' },
  { key: 'closed', label: 'kiến nghị đã kết thúc' },
  { key: 'open', label: 'kiến nghị đang mở' },
  { key: 'overdue', label: 'kiến nghị quá hạn', alert: true },
  { key: 'trainings', label: 'hội nghị tập huấn' },
  { key: 'participants', label: 'lượt học viên tham dự' },
];

export function OverviewFigures({ data }) {
  return (
    <ul class="stats overview-figures" aria-label="Số liệu trong khoảng">
      {FIGURES.map((f) => (
        <li key={f.key} class={f.alert && data[f.key] > 0 ? 'stat stat-alert' : 'stat'}>
          <span class="stat-number">{formatNumber(data[f.key])}</span>
          <span class="stat-label">{f.label}</span>
        </li>
      ))}
      <li class="stat">
        <span class="stat-number stat-number-small">{hoursText(data.median_hours_to_answer)}</span>
        <span class="stat-label">thời gian trả lời (trung vị)</span>
      </li>
    </ul>
  );
}

// Current state of each commune: every issue raised in the last nine years (the API's range
// limit is about ten) that is still open.
function currentRange() {
  const t = today();
  return { from: isoDate(addDays(t, -9 * 365)), to: isoDate(t) };
}

export const TONES = [
  { key: 'smooth', label: 'Thông suốt: không có kiến nghị đang mở' },
  { key: 'busy', label: 'Có kiến nghị đang giải quyết, chưa quá hạn' },
  { key: 'late', label: 'Có kiến nghị quá hạn' },
];

function tone(row) {
  if (!row || row.open === 0) return 'smooth';
  return row.overdue > 0 ? 'late' : 'busy';
}

function loadTiles(signal) {
  return Promise.all([listUnits({ kind: 'commune' }), getBreakdown('commune', currentRange(), { signal })]).then(([units, bd]) => {
    const rows = new Map(bd.items.map((r) => [String(r.key), r]));
    const tiles = units.items.map((u) => {
      const r = rows.get(String(u.id));
      return { id: u.id, name: u.name, open: r ? r.open : 0, overdue: r ? r.overdue : 0, tone: tone(r) };
    });
    const counts = { smooth: 0, busy: 0, late: 0 };
    for (const t of tiles) counts[t.tone] += 1;
    return { tiles, counts };
  });
}

function shortName(name) {
  return name.replace(/^(Xã|Phường)\s+/u, '');
}

function CommuneTiles() {
  const { data, error, loading, retry } = useResource(loadTiles, []);
  const [query, setQuery] = useState('');
  const match = makeMatcher(query);
  const shown = data ? data.tiles.filter((t) => match(t.name)) : [];
  return (
    <section class="overview-block" aria-labelledby="tiles-title">
      <h2 id="tiles-title" class="section-title">
        {data ? `${formatNumber(data.tiles.length)} xã, phường hôm nay` : 'Các xã, phường hôm nay'}
      </h2>
      {error ? (
        <ErrorMessage title="Không tải được tình hình các xã, phường." error={error} onRetry={retry} />
      ) : loading && !data ? (
        <Loading>Đang tải các xã, phường…</Loading>
      ) : (
        <>
          <ul class="tile-legend" aria-label="Chú giải">
            {TONES.map((t) => (
              <li key={t.key}>
                <span class={`swatch tile-${t.key}`} aria-hidden="true" />
                {t.label}: <strong>{formatNumber(data.counts[t.key])}</strong>
              </li>
            ))}
          </ul>
          <div class="filter tile-filter">
            <label for="tile-filter" class="filter-label">
              Tìm xã, phường
            </label>
            <input id="tile-filter" class="filter-input" type="search" autocomplete="off" spellcheck={false} placeholder="Ví dụ: quang phu" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </div>
          {query.trim() && (
            <p class="count" role="status">
              {shown.length ? `${formatNumber(shown.length)} xã, phường khớp với “${query.trim()}”` : `Không có xã, phường nào khớp với “${query.trim()}”.`}
            </p>
          )}
          <ul class="tiles" aria-label="Các xã, phường">
            {shown.map((t) => (
              <li key={t.id}>
                <Link
                  href={`/tong-quan/xa/${t.id}`}
                  class={`tile tile-${t.tone}`}
                  aria-label={`${t.name}: ${t.open ? `${formatNumber(t.open)} kiến nghị đang mở` : 'thông suốt'}${t.overdue ? `, ${formatNumber(t.overdue)} quá hạn` : ''}`}
                >
                  <span class="tile-name">{shortName(t.name)}</span>
                  {t.open > 0 && (
                    <span class="tile-count" aria-hidden="true">
                      {formatNumber(t.open)}
                      {t.overdue > 0 && ` · ${formatNumber(t.overdue)}!`}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function loadStats(range, signal) {
  const p = { from: range.from, to: range.to };
  return Promise.all([
    getOverview(p, { signal }),
    getBreakdown('field', p, { signal }),
    getBreakdown('level', p, { signal }),
    getBreakdown('department', p, { signal }),
    getSmooth(p, { signal }),
  ]).then(([overview, fields, levels, departments, smooth]) => ({
    overview,
    fields: fields.items,
    levels: levels.items.map((r) => ({ ...r, name: LEVEL_NAMES[r.key] || r.name || r.key })),
    departments: departments.items,
    smooth,
    // Every issue is at exactly one level: the levels add up to the range's issues by state.
    states: sum(levels.items, ['raised', 'answered', 'escalated', 'closed', 'open', 'overdue']),
  }));
}

function sum(rows, keys) {
  const out = {};
  for (const k of keys) out[k] = rows.reduce((n, r) => n + r[k], 0);
  return out;
}

function defaultRange() {
  const t = today();
  return { from: isoDate(addDays(t, -29)), to: isoDate(t) };
}

function RangeForm({ range, onApply }) {
  const [from, setFrom] = useState(formatDay(range.from));
  const [to, setTo] = useState(formatDay(range.to));
  const [errors, setErrors] = useState({});
  function submit(e) {
    e.preventDefault();
    const f = parseDate(from);
    const t = parseDate(to);
    const errs = {};
    if (!f) errs.from = 'Nhập ngày dạng dd/mm/yyyy, ví dụ 01/11/2026.';
    if (!t) errs.to = 'Nhập ngày dạng dd/mm/yyyy, ví dụ 30/11/2026.';
    if (f && t && compareDates(f, t) > 0) errs.to = 'Ngày kết thúc phải sau ngày bắt đầu.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setFrom(showDate(f));
    setTo(showDate(t));
    onApply({ from: isoDate(f), to: isoDate(t) });
  }
  return (
    <form class="range-form" onSubmit={submit} noValidate>
      <TextField id="range-from" label="Từ ngày" value={from} inputMode="numeric" autocomplete="off" placeholder="dd/mm/yyyy" error={errors.from} onInput={(e) => setFrom(e.currentTarget.value)} />
      <TextField id="range-to" label="Đến ngày" value={to} inputMode="numeric" autocomplete="off" placeholder="dd/mm/yyyy" error={errors.to} onInput={(e) => setTo(e.currentTarget.value)} />
      <button type="submit" class="button">
        Xem số liệu
      </button>
    </form>
  );
}

function Block({ id, title, wide, children }) {
  return (
    <section class={wide ? 'overview-block overview-wide' : 'overview-block'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

// The range lives in the address (?tu=YYYY-MM-DD&den=…): a reload, a shared link or coming
// back from a commune's page keeps it.
const ISO = /^\d{4}-\d{2}-\d{2}$/;
function rangeFrom(search) {
  const q = new URLSearchParams(search);
  const from = q.get('tu');
  const to = q.get('den');
  if (ISO.test(from || '') && ISO.test(to || '') && parseDate(formatDay(from)) && parseDate(formatDay(to)) && from <= to) return { from, to };
  return defaultRange();
}

/** The two weekly charts, loaded apart from the range's other figures (one /stats/weekly call). */
function WeekBlocks({ weeks }) {
  if (weeks.error || (weeks.loading && !weeks.data)) {
    return (
      <Block id="weeks" title="Theo tuần">
        {weeks.error ? <ErrorMessage title="Không tải được số liệu theo tuần." error={weeks.error} onRetry={weeks.retry} /> : <Loading>Đang tải số liệu theo tuần…</Loading>}
      </Block>
    );
  }
  const per = weeks.data.weeks > 1 ? `từng ${formatNumber(weeks.data.weeks)} tuần` : 'tuần';
  return (
    <>
      <Block id="by-week" title={`Kiến nghị gửi và được trả lời theo ${per}`}>
        <WeeklyLines weeks={weeks.data} />
      </Block>
      <Block id="answer-time" title={`Thời gian trả lời theo ${per}`}>
        <p class="section-lead">Trung vị thời gian từ lúc gửi đến câu trả lời đầu tiên, của các câu trả lời trong {per}.</p>
        <AnswerTimeLine weeks={weeks.data} />
      </Block>
    </>
  );
}

function RangeStats() {
  const { search } = useLocation();
  const range = rangeFrom(search);
  const setRange = (r) => navigate(`/tong-quan?tu=${r.from}&den=${r.to}`);
  const stats = useResource((signal) => loadStats(range, signal), [range.from, range.to]);
  const weeks = useResource((signal) => getWeeks(range, { signal }), [range.from, range.to]);
  const d = stats.data;
  const last = d && d.smooth.items.length ? d.smooth.items[d.smooth.items.length - 1] : null;
  return (
    <>
      <Block id="range" title={`Số liệu từ ${formatDay(range.from)} đến ${formatDay(range.to)}`}>
        <RangeForm key={`${range.from}/${range.to}`} range={range} onApply={setRange} />
        {stats.error ? (
          <ErrorMessage title="Không tải được số liệu thống kê." error={stats.error} onRetry={stats.retry} />
        ) : stats.loading && !d ? (
          <Loading>Đang tải số liệu…</Loading>
        ) : (
          <div aria-busy={stats.loading ? 'true' : 'false'}>
            <OverviewFigures data={d.overview} />
          </div>
        )}
      </Block>
      {d && (
        <div class="overview-columns">
          <Block id="smooth" title="Tỷ lệ xã, phường thông suốt theo tuần" wide>
            <p class="section-lead">
              Xã, phường “thông suốt” khi không có kiến nghị nào mở quá {formatNumber(d.smooth.smooth_days)} ngày.
              {last && (
                <>
                  {' '}
                  Ngày {formatDay(last.date)}: <strong>{formatNumber(last.smooth)}</strong>/{formatNumber(d.smooth.communes)} ({pct(last.share)}).
                </>
              )}
            </p>
            <ShareLine items={d.smooth.items} />
          </Block>
          <WeekBlocks weeks={weeks} />
          <Block id="by-state" title="Theo tình trạng hôm nay">
            <p class="section-lead">
              Của <strong>{formatNumber(d.states.raised)}</strong> kiến nghị gửi trong khoảng; một kiến nghị có thể thuộc hai nhóm (đã trả lời rồi kết thúc).
            </p>
            <StateBars totals={d.states} />
          </Block>
          <Block id="by-level" title="Theo cấp đang giữ">
            <GroupBars rows={d.levels} label="Kiến nghị theo cấp đang giữ" column="Cấp" />
          </Block>
          <Block id="by-department" title="Theo sở, ngành chủ trì" wide>
            <GroupBars rows={d.departments} label="Kiến nghị theo sở, ngành chủ trì" column="Sở, ngành" />
          </Block>
          <Block id="by-field" title="Theo lĩnh vực" wide>
            <GroupBars rows={d.fields} label="Kiến nghị theo lĩnh vực" column="Lĩnh vực" />
          </Block>
        </div>
      )}
    </>
  );
}

export function OverviewScreen() {
  useTitle('Tổng quan toàn tỉnh');
  // Fetch the charts' library while the figures load; a failure shows in each chart.
  useEffect(() => {
    loadUplot().catch(() => {});
  }, []);
  return (
    <div class="overview">
      <div class="page-head">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Tổng quan toàn tỉnh
        </h1>
        <p class="page-subtitle">Kiến nghị, thời gian trả lời, tập huấn và tình hình từng xã, phường.</p>
      </div>
      <RangeStats />
      <CommuneTiles />
    </div>
  );
}

/** The tiles alone, for a home page. */
export { CommuneTiles };

function loadHome(signal) {
  const p = defaultRange();
  return Promise.all([getOverview(p, { signal }), getSmooth(p, { signal })]).then(([overview, smooth]) => ({ overview, smooth }));
}

/** On the leadership's and Party readers' home page: the last 30 days and a link to the overview. */
export function HomeOverview() {
  const r = useResource(loadHome, []);
  const d = r.data;
  const last = d && d.smooth.items.length ? d.smooth.items[d.smooth.items.length - 1] : null;
  return (
    <section class="home-section" aria-labelledby="home-overview-title">
      <h2 id="home-overview-title" class="section-title">
        Tổng quan toàn tỉnh – 30 ngày qua
      </h2>
      {r.error ? (
        <ErrorMessage title="Không tải được số liệu thống kê." error={r.error} onRetry={r.retry} />
      ) : r.loading && !d ? (
        <Loading>Đang tải số liệu…</Loading>
      ) : (
        <>
          {last && (
            <p class="section-lead">
              Xã, phường thông suốt ngày {formatDay(last.date)}: <strong>{formatNumber(last.smooth)}</strong>/{formatNumber(d.smooth.communes)} ({pct(last.share)}).
            </p>
          )}
          <OverviewFigures data={d.overview} />
          <p class="section-more">
            <Link href="/tong-quan">Xem tổng quan: biểu đồ, từng lĩnh vực, 166 xã, phường</Link>
          </p>
        </>
      )}
    </section>
  );
}
