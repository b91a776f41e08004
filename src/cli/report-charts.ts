// The completion report's two pictures, drawn as SVG by Apache ECharts' server-side renderer (no
// browser, no DOM): meetings over the program year against the expected pace, and CPD credits
// accumulating against the target. Made to be read on paper in grey: the actual line is solid and
// dark with markers, the expected one dashed, both labelled in the legend and at their ends.
import * as echarts from 'echarts';
import type { CompletionReport } from '../core/services/completion-report.service.js';
import { addDaysLocal, daysBetween } from '../core/domain/time.js';
import { formatDate, formatNumber } from '../core/i18n/format.js';
import type { Locale } from '../core/i18n/locale.js';
import { t } from '../core/i18n/translate.js';

const WIDTH = 640;
const HEIGHT = 260;
const INK = '#1b1b1b';
const PACE = '#6b6b6b';

/** Running totals by date, starting at zero on the first day. */
function cumulative(start: string, points: { date: string; amount: number }[]): [string, number][] {
  const series: [string, number][] = [[start, 0]];
  let total = 0;
  for (const p of [...points].sort((a, b) => a.date.localeCompare(b.date))) {
    total = Math.round((total + p.amount) * 100) / 100;
    series.push([p.date, total]);
  }
  return series;
}

interface ChartInput {
  /** The report's language: the legend, labels and description are written in it. */
  locale: Locale;
  title: string;
  unit: string;
  start: string;
  end: string;
  asOf: string;
  actual: [string, number][];
  target: number;
}

function lineChart(input: ChartInput): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  const L = input.locale;
  const done = t(L, 'report.chart.done');
  const expected = t(L, 'report.chart.expected');
  try {
    const last = input.actual[input.actual.length - 1]!;
    // The actual line runs to today (or the end), flat since the last entry.
    const until = input.asOf < input.end ? input.asOf : input.end;
    const actual = last[0] < until ? [...input.actual, [until, last[1]] as [string, number]] : input.actual;
    chart.setOption({
      animation: false,
      aria: {
        enabled: true,
        label: {
          description: t(L, 'report.chart.aria', {
            title: input.title,
            value: formatNumber(L, last[1]),
            unit: input.unit,
            until: formatDate(L, until),
            target: formatNumber(L, input.target),
            end: formatDate(L, input.end),
          }),
        },
      },
      textStyle: { fontFamily: 'system-ui, sans-serif', color: INK },
      title: { text: `${input.title} (${input.unit})`, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: INK } },
      legend: { top: 2, right: 16, itemWidth: 28, textStyle: { color: INK }, data: [done, expected] },
      grid: { left: 44, right: 70, top: 48, bottom: 30 },
      xAxis: {
        type: 'time',
        min: input.start,
        max: input.end,
        axisLabel: { color: INK, formatter: '{yyyy}-{MM}' },
        axisLine: { lineStyle: { color: INK } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: Math.max(input.target, last[1]) || 1,
        axisLabel: { color: INK },
        splitLine: { lineStyle: { color: '#d0d0d0' } },
      },
      series: [
        {
          name: done,
          type: 'line',
          step: 'end',
          data: actual,
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: INK, width: 2.5, type: 'solid' },
          itemStyle: { color: INK },
          endLabel: { show: true, formatter: t(L, 'report.chart.doneLabel', { value: formatNumber(L, last[1]) }), color: INK },
        },
        {
          name: expected,
          type: 'line',
          data: [
            [input.start, 0],
            [input.end, input.target],
          ],
          symbol: 'none',
          lineStyle: { color: PACE, width: 2, type: 'dashed' },
          itemStyle: { color: PACE },
          endLabel: { show: true, formatter: t(L, 'report.chart.targetLabel', { value: formatNumber(L, input.target) }), color: PACE },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { formatter: t(L, 'report.chart.today'), color: INK, position: 'end' },
            lineStyle: { color: INK, type: 'dotted', width: 1 },
            data: input.asOf < input.end ? [{ xAxis: input.asOf }] : [],
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The two charts of a completion report, as inline SVG, in the report's language. */
export function completionReportCharts(r: CompletionReport): { meetings: string; cpd: string } {
  const start = r.person.startDate;
  // A report without an end date still shows a year, so the pace has a slope.
  const end = r.person.endDate && daysBetween(start, r.person.endDate) > 0 ? r.person.endDate : addDaysLocal(start, 364);
  const m = r.progress.meetings;
  const L = r.locale;
  return {
    meetings: lineChart({
      locale: L,
      title: t(L, 'report.chart.meetingsTitle'),
      unit: t(L, 'report.chart.meetingsUnit'),
      start,
      end,
      asOf: r.generatedOn,
      actual: cumulative(start, r.meetings.map((x) => ({ date: x.date, amount: 1 }))),
      target: m.required,
    }),
    cpd: lineChart({
      locale: L,
      title: t(L, 'report.chart.cpdTitle', { system: r.cpd.system }),
      unit: t(L, 'report.chart.creditsUnit'),
      start,
      end,
      asOf: r.generatedOn,
      actual: cumulative(start, r.cpd.activities.map((a) => ({ date: a.date, amount: a.credits }))),
      target: r.cpd.target,
    }),
  };
}
