// The overview's charts, drawn by uPlot (Chart.jsx, options from specs.js). Each carries its
// figures twice over for those who do not see the drawing: a summary in the chart's
// aria-label, and every number in a table under it ("Xem số liệu").
import { useMemo } from 'preact/hooks';
import { formatNumber } from '../../format.js';
import { Chart } from './Chart.jsx';
import { dayNumber, formatDay } from './days.js';
import { COLORS, barsSpec, linesSpec } from './specs.js';

/** 0.8531 → "85,3%" */
export const pct = (share) => `${formatNumber(Math.round(share * 1000) / 10)}%`;

/** Hours as "36 giờ (1,5 ngày)", "5 giờ" or "20 phút". */
export function hoursText(h) {
  if (h == null) return 'Chưa có';
  if (h < 1) return h * 60 < 1 ? 'dưới 1 phút' : `${formatNumber(Math.round(h * 60))} phút`;
  const rounded = Math.round(h * 10) / 10;
  return rounded >= 24 ? `${formatNumber(rounded)} giờ (${formatNumber(Math.round((h / 24) * 10) / 10)} ngày)` : `${formatNumber(rounded)} giờ`;
}

/** A chart's figures: the first column names the row, the others are numbers. */
function DataTable({ summary = 'Xem số liệu', head, rows }) {
  return (
    <details class="chart-table">
      <summary>{summary}</summary>
      <div class="chart-table-scroll">
        <table>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" class={i ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, ...cells]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {cells.map((c, i) => (
                  <td key={i} class="num">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const RAISED = { label: 'đã gửi', fill: COLORS.slateFill, stroke: COLORS.slate };
const OPEN = { label: 'đang mở', fill: COLORS.red };

/**
 * Issues by group (field, level, department): the `max` groups that raised most as bars, all
 * raised and the open ones over them; every group in the table.
 */
export function GroupBars({ rows, label, column, max = 10 }) {
  const shown = rows.slice(0, max);
  const build = useMemo(
    () => (uPlot, size) =>
      barsSpec(uPlot, {
        ...size,
        series: [RAISED, OPEN],
        rows: shown.map((r) => ({
          name: r.name || r.key,
          values: [r.raised, r.open],
          figures: [
            { text: `${formatNumber(r.raised)} gửi · ${formatNumber(r.open)} đang mở` },
            ...(r.overdue > 0 ? [{ text: ` · ${formatNumber(r.overdue)} quá hạn`, color: COLORS.red, bold: true }] : []),
          ],
        })),
      }),
    [rows, max],
  );
  if (shown.length === 0) return <p class="empty">Không có kiến nghị nào trong khoảng này.</p>;
  const first = shown[0];
  return (
    <figure class="chart-figure">
      <Chart
        build={build}
        minHeight={shown.length * 62}
        label={`${label}: ${formatNumber(rows.length)} nhóm; nhiều nhất ${first.name || first.key}, ${formatNumber(first.raised)} gửi, ${formatNumber(first.open)} đang mở.`}
      />
      {rows.length > max && <p class="chart-note">Biểu đồ: {formatNumber(max)} nhóm nhiều nhất; bảng số liệu có đủ {formatNumber(rows.length)} nhóm.</p>}
      <DataTable
        head={[column, 'Đã gửi', 'Đã trả lời', 'Đang mở', 'Quá hạn']}
        rows={rows.map((r) => [r.name || r.key, formatNumber(r.raised), formatNumber(r.answered), formatNumber(r.open), formatNumber(r.overdue)])}
      />
    </figure>
  );
}

/**
 * Where the issues raised in the range stand today. `totals` sums a breakdown's rows (every
 * issue is in exactly one level); the groups overlap (an answered issue may be closed since).
 */
export function StateBars({ totals }) {
  const states = [
    { name: 'Đang mở (chưa trả lời xong)', value: totals.open, fill: COLORS.amber },
    { name: 'Quá hạn (trong số đang mở)', value: totals.overdue, fill: COLORS.red },
    { name: 'Đang trình UBND tỉnh, bộ, ngành Trung ương', value: totals.escalated, fill: COLORS.blue },
    { name: 'Đã được trả lời', value: totals.answered, fill: COLORS.green },
    { name: 'Đã kết thúc', value: totals.closed, fill: COLORS.slate },
  ];
  const build = useMemo(
    () => (uPlot, size) =>
      barsSpec(uPlot, {
        ...size,
        series: [{ label: 'kiến nghị', fill: COLORS.slate }],
        rows: states.map((s) => ({ name: s.name, values: [s.value], fill: s.fill, figures: [{ text: formatNumber(s.value), bold: true, color: COLORS.ink }] })),
      }),
    [totals],
  );
  if (!totals.raised) return <p class="empty">Không có kiến nghị nào trong khoảng này.</p>;
  return (
    <figure class="chart-figure">
      <Chart build={build} minHeight={states.length * 48} label={`Tình trạng hôm nay của ${formatNumber(totals.raised)} kiến nghị: ${states.map((s) => `${s.name} ${formatNumber(s.value)}`).join('; ')}.`} />
      <DataTable head={['Tình trạng', 'Số kiến nghị', 'Tỷ lệ']} rows={states.map((s) => [s.name, formatNumber(s.value), pct(s.value / totals.raised)])} />
    </figure>
  );
}

const countAxis = { range: (max) => [0, Math.max(4, Math.ceil(max * 1.1))], format: formatNumber };

/** The weekly share of smooth communes as a line (0–100%), with a table of the points. */
export function ShareLine({ items }) {
  const build = useMemo(
    () => (uPlot, size) =>
      linesSpec(uPlot, {
        ...size,
        points: items.map((p) => ({ day: dayNumber(p.date), label: formatDay(p.date) })),
        series: [{ label: 'tỷ lệ thông suốt', values: items.map((p) => p.share), stroke: COLORS.green }],
        y: { range: () => [0, 1], steps: [0.25, 0.5, 1], format: (v) => `${formatNumber(Math.round(v * 100))}%` },
      }),
    [items],
  );
  if (!items.length) return <p class="empty">Chưa có số liệu.</p>;
  const last = items[items.length - 1];
  return (
    <figure class="chart-figure">
      <Chart build={build} label={`Tỷ lệ xã, phường thông suốt theo tuần, ${formatNumber(items.length)} điểm từ ${formatDay(items[0].date)}; gần nhất ${pct(last.share)} ngày ${formatDay(last.date)}.`} />
      <DataTable summary="Xem số liệu từng tuần" head={['Ngày', 'Xã, phường thông suốt', 'Tỷ lệ']} rows={items.map((p) => [formatDay(p.date), formatNumber(p.smooth), pct(p.share)])} />
    </figure>
  );
}

const weekName = (w) => `${formatDay(w.from)} – ${formatDay(w.to)}`;

/** Issues raised and answered each week, two lines (the answered one dashed). */
export function WeeklyLines({ weeks }) {
  const { items } = weeks;
  const build = useMemo(
    () => (uPlot, size) =>
      linesSpec(uPlot, {
        ...size,
        points: items.map((w) => ({ day: dayNumber(w.to), label: formatDay(w.to) })),
        series: [
          { label: 'gửi', values: items.map((w) => w.raised), stroke: COLORS.slate },
          { label: 'được trả lời', values: items.map((w) => w.answered), stroke: COLORS.green, dash: [8, 4] },
        ],
        y: countAxis,
      }),
    [weeks],
  );
  const last = items[items.length - 1];
  return (
    <figure class="chart-figure">
      <Chart build={build} label={`Kiến nghị gửi và được trả lời, ${formatNumber(items.length)} điểm; gần nhất (${weekName(last)}): ${formatNumber(last.raised)} gửi, ${formatNumber(last.answered)} được trả lời.`} />
      <DataTable head={['Từ ngày – đến ngày', 'Gửi', 'Được trả lời']} rows={items.map((w) => [weekName(w), formatNumber(w.raised), formatNumber(w.answered)])} />
    </figure>
  );
}

/** The median time to a first answer each week, in hours, or days when it runs past three. */
export function AnswerTimeLine({ weeks }) {
  const { items } = weeks;
  const longest = Math.max(0, ...items.map((w) => w.hours ?? 0));
  const inDays = longest >= 72;
  const unit = inDays ? 'ngày' : 'giờ';
  const build = useMemo(
    () => (uPlot, size) =>
      linesSpec(uPlot, {
        ...size,
        points: items.map((w) => ({ day: dayNumber(w.to), label: formatDay(w.to) })),
        series: [{ label: 'thời gian trả lời (trung vị)', values: items.map((w) => (w.hours == null ? null : inDays ? w.hours / 24 : w.hours)), stroke: COLORS.blue }],
        y: { range: (max) => [0, Math.max(inDays ? 4 : 8, Math.ceil(max * 1.15))], format: (v) => `${formatNumber(v)} ${unit}` },
      }),
    [weeks],
  );
  if (!items.some((w) => w.hours != null)) return <p class="empty">Chưa có kiến nghị nào được trả lời trong khoảng này.</p>;
  const last = [...items].reverse().find((w) => w.hours != null);
  return (
    <figure class="chart-figure">
      <Chart build={build} label={`Thời gian trả lời (trung vị), tính bằng ${unit}; gần nhất (${weekName(last)}): ${hoursText(last.hours)}.`} />
      <DataTable head={['Từ ngày – đến ngày', 'Thời gian trả lời (trung vị)']} rows={items.map((w) => [weekName(w), hoursText(w.hours)])} />
    </figure>
  );
}
