// A chart of monthly figures (uPlot, drawn on a canvas hidden from assistive technology) and,
// under it, the same figures as a table: the table is the chart's text alternative and the place
// where each figure links to the register behind it. A hidden count (under the small-count rule)
// is a gap in the line and says so in the table.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n.ts';

export type TrendSeries = {
  label: string;
  colour: string;
  values: (number | null)[];
  /** The register behind a month's figure, when this person may open it. */
  link?: (monthIndex: number) => string | null;
};

/** `2026-03` as `03.2026`, read the same in Kazakh and Russian. */
export const monthLabel = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`;

function Chart({ months, series }: { months: string[]; series: TrendSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [
          {
            values: (_u, ticks) => ticks.map((tick) => (months[tick] ? monthLabel(months[tick]) : '')),
            incrs: [1, 2, 3, 6, 12],
          },
          { values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) },
        ],
        series: [
          {},
          ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, points: { show: true } })),
        ],
      },
      [months.map((_, index) => index), ...series.map((s) => s.values)],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, element.clientWidth), height: 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [months, series]);
  return <div class="trend-canvas" ref={box} aria-hidden="true" />;
}

export function TrendChart({
  id,
  title,
  months,
  series,
  extraColumns = [],
  minimum,
}: {
  id: string;
  title: string;
  months: string[];
  series: TrendSeries[];
  /** Columns shown only in the table (a median, a band). */
  extraColumns?: { label: string; cell: (monthIndex: number) => ComponentChildren }[];
  minimum: number;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const cell = (s: TrendSeries, index: number) => {
    const value = s.values[index] ?? null;
    if (value === null) return t('statsHidden', { n: minimum });
    const href = s.link?.(index) ?? null;
    return href ? <a href={href}>{i18n.number(value)}</a> : i18n.number(value);
  };
  return (
    <figure class="trend card" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <p class="muted">{t('dashChartNote')}</p>
        <ul class="legend">
          {series.map((s) => (
            <li key={s.label}>
              <span class="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <Chart months={months} series={series} />
      <div class="table-wrap">
        <table id={`${id}-table`}>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashMonth')}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
              {extraColumns.map((column) => (
                <th scope="col" key={column.label}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month, index) => (
              <tr key={month}>
                <th scope="row">{monthLabel(month)}</th>
                {series.map((s) => (
                  <td key={s.label}>{cell(s, index)}</td>
                ))}
                {extraColumns.map((column) => (
                  <td key={column.label}>{column.cell(index)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
