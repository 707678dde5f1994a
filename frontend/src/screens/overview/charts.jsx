// Hand-drawn SVG/HTML charts: small, no library, readable by screen readers (each chart also
// carries its figures as text or a table).
import { formatNumber } from '../../format.js';

/** Horizontal bars, one per row: label, bar (raised), figures as text. */
export function BarList({ rows, label, max = 10 }) {
  const shown = rows.slice(0, max);
  const top = Math.max(1, ...shown.map((r) => r.raised));
  if (shown.length === 0) return <p class="empty">Không có kiến nghị nào trong khoảng này.</p>;
  return (
    <>
    <p class="bar-key" aria-hidden="true">
      <span class="swatch bar-key-raised" /> đã gửi <span class="swatch bar-key-open" /> đang mở
    </p>
    <ul class="bars" aria-label={label}>
      {shown.map((r) => (
        <li key={r.key} class="bar-row">
          <span class="bar-name">{r.name || r.key}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(100 * r.raised) / top}%` }} />
            <span class="bar-open" style={{ width: `${(100 * r.open) / top}%` }} />
          </span>
          <span class="bar-figures">
            {formatNumber(r.raised)} gửi · {formatNumber(r.open)} đang mở
            {r.overdue > 0 && <strong class="bar-overdue"> · {formatNumber(r.overdue)} quá hạn</strong>}
          </span>
        </li>
      ))}
    </ul>
    {rows.length > max && <p class="bar-more">Và {formatNumber(rows.length - max)} nhóm khác.</p>}
    </>
  );
}

const pct = (share) => `${formatNumber(Math.round(share * 1000) / 10)}%`;

/** The weekly share of smooth communes as a line (0–100%), with a table of the points. */
export function ShareLine({ items, formatDay }) {
  if (!items.length) return <p class="empty">Chưa có số liệu.</p>;
  // A narrow drawing: its labels stay readable when a phone scales it down.
  const W = 360;
  const H = 180;
  const L = 44;
  const B = 24;
  const step = items.length > 1 ? (W - L - 16) / (items.length - 1) : 0;
  const x = (i) => L + (items.length > 1 ? i * step : (W - L) / 2);
  const y = (s) => 8 + (H - B - 8) * (1 - s);
  const points = items.map((p, i) => `${x(i).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ');
  const last = items[items.length - 1];
  return (
    <figure class="line-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Tỷ lệ xã, phường thông suốt theo tuần; gần nhất ${pct(last.share)} ngày ${formatDay(last.date)}`}>
        {[0, 0.5, 1].map((g) => (
          <g key={g}>
            <line x1={L} x2={W - 10} y1={y(g)} y2={y(g)} class="grid" />
            <text x={L - 6} y={y(g) + 4} text-anchor="end" class="axis">{`${g * 100}%`}</text>
          </g>
        ))}
        <polyline points={points} class="line" />
        {items.map((p, i) => (
          <circle key={p.date} cx={x(i)} cy={y(p.share)} r="4" class="dot" />
        ))}
        <text x={L} y={H - 6} class="axis">{formatDay(items[0].date)}</text>
        <text x={W - 4} y={H - 6} text-anchor="end" class="axis">{formatDay(last.date)}</text>
      </svg>
      <details class="chart-table">
        <summary>Xem số liệu từng tuần</summary>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Xã, phường thông suốt</th>
              <th scope="col">Tỷ lệ</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.date}>
                <td>{formatDay(p.date)}</td>
                <td>{formatNumber(p.smooth)}</td>
                <td>{pct(p.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export { pct };
