// One uPlot chart as wide as its container. uPlot is fetched on first use (its own chunk, see
// uplot.js); the chart is rebuilt when the container's width changes (ResizeObserver), since
// the bars' label wrapping and the number of date labels depend on it, and destroyed on unmount.
import { useEffect, useRef, useState } from 'preact/hooks';

let pending = null;

/** Starts loading uPlot once; resolves to its constructor. A failed download may be retried. */
export function loadUplot() {
  if (!pending) {
    pending = import('./uplot.js').then(
      (m) => m.default,
      (err) => {
        pending = null;
        throw err;
      },
    );
  }
  return pending;
}

/**
 * `build(uPlot, {width, font})` returns {options, data} for a chart `width` CSS pixels wide
 * (options carry the height). Keep `build` stable (useMemo over the data): a new function
 * redraws the chart. `label` is what a screen reader says instead of the drawing.
 */
export function Chart({ build, label, minHeight = 200 }) {
  const box = useRef(null);
  const [state, setState] = useState('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const el = box.current;
    let plot = null;
    let width = 0;
    let frame = 0;
    let observer = null;
    let live = true;

    function draw(UPlot) {
      const w = Math.floor(el.clientWidth);
      if (!w || w === width) return;
      width = w;
      const { options, data } = build(UPlot, { width: w, font: getComputedStyle(el).fontFamily });
      if (plot) plot.destroy();
      plot = new UPlot({ ...options, width: w }, data, el);
    }

    loadUplot().then(
      (UPlot) => {
        if (!live) return;
        draw(UPlot);
        setState('drawn');
        observer = new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => live && draw(UPlot));
        });
        observer.observe(el);
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      if (observer) observer.disconnect();
      if (plot) plot.destroy();
    };
  }, [build, attempt]);

  return (
    <div class="chart">
      <div class="chart-box" role="img" aria-label={label} ref={box} style={state === 'loading' ? { minHeight: `${minHeight}px` } : {}} />
      {state === 'failed' && (
        <p class="chart-failed" role="alert">
          Không tải được biểu đồ; số liệu có trong bảng bên dưới.{' '}
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              setState('loading');
              setAttempt((n) => n + 1);
            }}
          >
            Thử lại
          </button>
        </p>
      )}
    </div>
  );
}
