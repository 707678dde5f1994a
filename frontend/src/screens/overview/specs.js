// uPlot options for the overview's charts, built from the data and the width the chart has:
// horizontal bars for groups, each group's name wrapped on the canvas above its bar so the
// long Vietnamese names of fields and departments stay readable at 360 px (up to three lines;
// the table under the chart has them in full), and lines over time with dd/mm/yyyy under the
// points. No cursor, selection or zoom: the exact figures are in the table under each chart,
// which keyboard and screen-reader users read instead.

/**
 * Colours on white: data lines, bar edges and text at least 4.5:1; the light bar fill has a
 * dark edge; grid and ticks are light on purpose.
 */
export const COLORS = {
  ink: '#1c1917',
  soft: '#44403c',
  grid: '#e7e5e4',
  axis: '#a8a29e',
  slate: '#475569',
  slateFill: '#cbd5e1',
  red: '#9b1c1c',
  green: '#166534',
  blue: '#1d4ed8',
  amber: '#b45309',
};

let measurer = null;
function textWidth(text, font) {
  measurer ||= document.createElement('canvas').getContext('2d');
  measurer.font = font;
  return measurer.measureText(text).width;
}

/** `text` in lines at most `max` px wide; past `maxLines` the last line ends with "…". */
export function wrap(text, max, font, maxLines) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const probe = line ? `${line} ${word}` : word;
    if (!line || textWidth(probe, font) <= max) line = probe;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last.length > 1 && textWidth(`${last}…`, font) > max) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

// The legend is uPlot's own, used as a key above the chart (legend.live off: no values);
// `markers` as uPlot takes them (a line's key shows its colour and dashes in a thick edge).
function key(show, markers) {
  return { show, live: false, markers, mount: (u, el) => u.root.insertBefore(el, u.root.firstChild) };
}

const NO_CURSOR = { show: false, drag: { x: false, y: false } };

// Sizes in CSS pixels of a bar row: its name's lines, the bar, figures beside or under it.
const ROW = { font: 14, line: 18, bar: 14, top: 10, gap: 4, bottom: 6 };

/**
 * Horizontal bars, one row per group, its series drawn over each other (all a group raised,
 * then its open issues over them). rows: [{name, values: [number per series],
 * figures: [{text, color, bold}], fill}] (`fill` colours a single series' bar row by row);
 * series: [{label, fill, stroke}]. Figures go after the longest bar when they fit, else on a
 * line of their own under it. The category scale counts pixels, so each row is as tall as its
 * name needs.
 */
export function barsSpec(uPlot, { rows, series, width, font }) {
  const labelFont = `600 ${ROW.font}px ${font}`;
  const segFont = (s, px = 1) => `${s.bold ? '700 ' : ''}${Math.round(ROW.font * px)}px ${font}`;
  const names = rows.map((r) => wrap(r.name, width, labelFont, 3));
  const figuresWidth = Math.max(0, ...rows.map((r) => r.figures.reduce((w, s) => w + textWidth(s.text, segFont(s)), 0)));
  const inline = figuresWidth + 14 <= width * 0.45;
  const centres = [];
  let height = 0;
  for (const lines of names) {
    centres.push(height + ROW.top + lines.length * ROW.line + ROW.gap + ROW.bar / 2);
    height += ROW.top + lines.length * ROW.line + ROW.gap + ROW.bar + (inline ? 0 : ROW.gap + ROW.line) + ROW.bottom;
  }
  const longest = Math.max(1, ...rows.map((r) => Math.max(...r.values)));
  const top = longest / (1 - ((inline ? figuresWidth + 14 : 0) + 2) / width);
  const rowFills = rows.some((r) => r.fill) ? rows.map((r) => r.fill) : null;

  function drawText(u) {
    const { ctx } = u;
    const px = uPlot.pxRatio;
    const left = u.bbox.left;
    ctx.save();
    ctx.textBaseline = 'middle';
    rows.forEach((r, i) => {
      const mid = u.valToPos(centres[i], 'x', true);
      const barTop = mid - (ROW.bar / 2) * px;
      ctx.font = `600 ${Math.round(ROW.font * px)}px ${font}`;
      ctx.fillStyle = COLORS.ink;
      names[i].forEach((line, j) => {
        ctx.fillText(line, left, barTop - (ROW.gap + (names[i].length - j - 0.5) * ROW.line) * px);
      });
      let x = inline ? u.valToPos(Math.max(...r.values), 'y', true) + 6 * px : left;
      const y = inline ? mid : mid + (ROW.bar / 2 + ROW.gap + ROW.line / 2) * px;
      for (const s of r.figures) {
        ctx.font = segFont(s, px);
        ctx.fillStyle = s.color || COLORS.soft;
        ctx.fillText(s.text, x, y);
        x += ctx.measureText(s.text).width;
      }
    });
    ctx.restore();
  }

  return {
    options: {
      height: Math.max(1, Math.ceil(height)),
      padding: [0, 0, 0, 0],
      cursor: NO_CURSOR,
      select: { show: false },
      legend: key(series.length > 1),
      scales: {
        x: { time: false, ori: 1, dir: -1, range: () => [0, Math.max(1, height)] },
        y: { ori: 0, dir: 1, range: () => [0, top] },
      },
      axes: [{ show: false }, { show: false }],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          fill: s.fill,
          stroke: s.stroke || s.fill,
          width: s.stroke ? 1 : 0,
          points: { show: false },
          paths: uPlot.paths.bars({
            size: [1, ROW.bar, ROW.bar],
            disp: rowFills ? { fill: { unit: 3, values: () => rowFills } } : undefined,
          }),
        })),
      ],
      hooks: { draw: [drawText] },
    },
    data: [centres, ...series.map((_, si) => rows.map((r) => r.values[si]))],
  };
}

// Integer steps for counts, so an axis never reads "2,5 kiến nghị".
const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000];

/**
 * Lines over time. points: [{day: days since 1970 (x), label: its dd/mm/yyyy}]; series:
 * [{label, values, stroke, dash}]; y: {range: (highest) => [min, max], format: (v) => text,
 * steps: [increments]}. Dates are written under as many points as fit, the latest always.
 */
export function linesSpec(uPlot, { points, series, y, width, font }) {
  const axisFont = `13px ${font}`;
  const dateWidth = textWidth('00/00/0000', axisFont) + 24;
  const height = Math.round(Math.min(260, Math.max(200, width * 0.5)));
  const highest = Math.max(0, ...series.flatMap((s) => s.values.filter((v) => v != null)));
  const first = points[0].day;
  const last = points[points.length - 1].day;
  const pad = Math.max(0.5, (last - first) * 0.03);
  const labelOf = new Map(points.map((p) => [p.day, p.label]));

  // From the latest point back, each date that keeps its distance from the one after it.
  function dateSplits(u) {
    const out = [];
    let next = Infinity;
    for (let i = points.length - 1; i >= 0; i--) {
      const x = u.valToPos(points[i].day, 'x');
      if (next - x >= dateWidth && x >= dateWidth / 2 - u.bbox.left / uPlot.pxRatio) {
        out.unshift(points[i].day);
        next = x;
      }
    }
    return out;
  }

  return {
    options: {
      height,
      padding: [12, Math.ceil(dateWidth / 2), 0, 0],
      cursor: NO_CURSOR,
      select: { show: false },
      legend: key(series.length > 1, { width: 3 }),
      scales: {
        x: { time: false, range: () => [first - pad, last + pad] },
        y: { range: () => y.range(highest) },
      },
      axes: [
        {
          font: axisFont,
          stroke: COLORS.soft,
          grid: { show: false },
          ticks: { show: true, stroke: COLORS.axis, width: 1, size: 5 },
          splits: dateSplits,
          values: (u, splits) => splits.map((d) => labelOf.get(d) || ''),
          size: 32,
        },
        {
          font: axisFont,
          stroke: COLORS.soft,
          gap: 10,
          grid: { stroke: COLORS.grid, width: 1 },
          ticks: { show: false },
          incrs: y.steps || COUNT_STEPS,
          values: (u, splits) => splits.map(y.format),
          size: (u, values) => Math.ceil(Math.max(24, ...(values || []).map((v) => textWidth(v, axisFont)))) + 20,
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: 2.5,
          // uPlot scales widths to the screen's pixel ratio but not dashes.
          dash: s.dash && s.dash.map((d) => d * uPlot.pxRatio),
          spanGaps: false,
          points: { show: points.length <= 27, size: 7, width: 2, fill: '#ffffff', stroke: s.stroke },
        })),
      ],
    },
    data: [points.map((p) => p.day), ...series.map((s) => s.values)],
  };
}
