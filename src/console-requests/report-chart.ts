/**
 * A bar chart of requests received per month, as the shapes of an SVG drawn on the server (pure).
 * Geometry only: the page draws it with SVG attributes, since the content security policy allows
 * no inline styles and every page must work without JavaScript.
 */

export interface BarChart {
  width: number;
  height: number;
  /** The bottom of the plot, where the bars stand. */
  baseline: number;
  left: number;
  right: number;
  bars: {
    x: number;
    y: number;
    width: number;
    height: number;
    centre: number;
    value: number;
    label: string;
  }[];
  ticks: { y: number; value: number }[];
  labelY: number;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 24, right: 12, bottom: 36, left: 44 };
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03` → `Mar 2026`. */
export function shortMonth(month: string): string {
  return `${SHORT_MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;
}

export function barChart(months: readonly { month: string; received: number }[]): BarChart {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const baseline = MARGIN.top + plotHeight;
  const top = niceCeiling(Math.max(0, ...months.map((m) => m.received)));
  const slot = months.length === 0 ? plotWidth : plotWidth / months.length;
  const barWidth = Math.max(2, Math.round(slot * 0.6));
  const bars = months.map((m, i) => {
    const height = Math.round((m.received / top) * plotHeight);
    const centre = Math.round(MARGIN.left + slot * i + slot / 2);
    return {
      x: centre - Math.round(barWidth / 2),
      y: baseline - height,
      width: barWidth,
      height,
      centre,
      value: m.received,
      label: shortMonth(m.month),
    };
  });
  const step = tickStep(top);
  const ticks: BarChart['ticks'] = [];
  for (let value = 0; value <= top; value += step) {
    ticks.push({ y: baseline - Math.round((value / top) * plotHeight), value });
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    baseline,
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    bars,
    ticks,
    labelY: baseline + 20,
  };
}

/** The top of the scale: the largest value rounded up to 1, 2 or 5 times a power of ten (at least 1). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 5, 10].map((n) => n * power).find((n) => n >= value);
  return nice ?? 10 * power;
}

/** A whole-number step giving four or five gridlines up to `top`. */
function tickStep(top: number): number {
  if (top <= 5) return 1;
  const power = 10 ** Math.floor(Math.log10(top));
  return [1, 2, 5, 10].map((n) => (n * power) / 5).find((s) => Number.isInteger(s) && top / s <= 5) ?? power;
}
