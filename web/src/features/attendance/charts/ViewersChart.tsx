import { type AttendanceReport, clockTime, utcOffsetMinutes, zoneAbbreviation } from '@serambi/shared';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { numberFormatter } from '../number-format.ts';
import { ChartTable } from './ChartTable.tsx';
import { createWidth } from './create-width.ts';
import { countTicks, linearScale, nearestIndex, stepAreaPath, stepLinePath, timeTicks } from './scale.ts';
import './charts.css';

type ChartReport = Pick<AttendanceReport, 'timeline' | 'liveAt' | 'endedAt' | 'peakViewers' | 'peakAt'>;

const HEIGHT = 260;
const MARGIN = { top: 30, right: 14, bottom: 30, left: 40 };
/** Room a time label takes on the axis. */
const TIME_LABEL_PX = 76;

/**
 * People in the room minute by minute, from going live to the end: a stepped area with marks
 * where the session went live and ended and a dot on the peak. A pointer, a tap or the arrow
 * keys read one minute out; the same numbers are a table for screen readers and anyone who
 * prefers one.
 */
export function ViewersChart(props: { report: ChartReport; timeZone: string }) {
  const { t, locale } = useI18n();
  const { width, ref } = createWidth(640);
  const [cursor, setCursor] = createSignal<number | null>(null);
  const readoutId = createUniqueId();
  const hintId = createUniqueId();

  const clock = (instant: string | number) => clockTime(instant, props.timeZone, locale());
  const count = createMemo(() => numberFormatter(locale()));
  const zone = () => zoneAbbreviation(props.timeZone, props.report.liveAt ?? new Date(), locale());
  const times = createMemo(() => props.report.timeline.map((point) => Date.parse(point.at)));

  const layout = createMemo(() => {
    const points = props.report.timeline;
    const first = times()[0] ?? 0;
    const last = times().at(-1) ?? first;
    const start = Math.min(first, props.report.liveAt ? Date.parse(props.report.liveAt) : first);
    const end = Math.max(last, props.report.endedAt ? Date.parse(props.report.endedAt) : last, start + 60_000);
    const plotRight = width() - MARGIN.right;
    const plotBottom = HEIGHT - MARGIN.bottom;
    const x = linearScale([start, end], [MARGIN.left, plotRight]);
    const yTicks = countTicks(Math.max(props.report.peakViewers, ...points.map((point) => point.viewers)), 4);
    const y = linearScale([0, yTicks.at(-1) ?? 1], [plotBottom, MARGIN.top]);
    const maxTicks = Math.max(2, Math.floor((plotRight - MARGIN.left) / TIME_LABEL_PX));
    const xTicks = timeTicks(start, end, maxTicks, utcOffsetMinutes(props.timeZone, new Date(start)));
    const drawn = points.map((point, index) => ({ x: x(times()[index] ?? start), y: y(point.viewers) }));
    // Each point holds for its minute: the last one's step runs on to the end of that minute (or the session).
    const lastPoint = points.at(-1);
    const tail = lastPoint ? [{ x: x(Math.min(last + 60_000, end)), y: y(lastPoint.viewers) }] : [];
    const line = [...drawn, ...tail];
    // Marks sit in the middle of their minute's step.
    const marks = drawn.map((point, index) => ({ x: (point.x + (line[index + 1]?.x ?? point.x)) / 2, y: point.y }));
    return { x, y, yTicks, xTicks, line, marks, plotRight, plotBottom };
  });

  /** The first minute with the peak in it (the peak itself may fall mid-minute). */
  const peakIndex = () =>
    props.report.peakViewers > 0
      ? props.report.timeline.findIndex((point) => point.viewers === props.report.peakViewers)
      : -1;
  const mark = (instant: string | null) => (instant ? layout().x(Date.parse(instant)) : null);
  const markersApart = () => {
    const [live, end] = [mark(props.report.liveAt), mark(props.report.endedAt)];
    return live === null || end === null || end - live >= MARKER_LABEL_ROOM;
  };
  const pointAt = (index: number | null) => (index === null ? undefined : props.report.timeline[index]);

  const summary = () => {
    const { timeline, peakViewers, peakAt } = props.report;
    const first = timeline[0];
    const last = timeline.at(-1);
    if (!first || !last) return t('attendance.report.chartEmpty');
    return t('attendance.report.chartSummary', {
      start: clock(props.report.liveAt ?? first.at),
      end: clock(props.report.endedAt ?? last.at),
      zone: zone(),
      peak: count()(peakViewers),
      peakAt: peakAt ? clock(peakAt) : '—',
    });
  };
  const readout = () => {
    const point = pointAt(cursor());
    return point
      ? t('attendance.report.readout', { time: `${clock(point.at)} ${zone()}`, viewers: count()(point.viewers) })
      : t('attendance.report.chartHint');
  };

  const moveTo = (index: number) =>
    setCursor(Math.min(Math.max(index, 0), Math.max(props.report.timeline.length - 1, 0)));
  const onKeyDown = (event: KeyboardEvent) => {
    const current = cursor() ?? Math.max(peakIndex(), 0);
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10 };
    if (event.key in steps) moveTo(current + (steps[event.key] ?? 0));
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(props.report.timeline.length - 1);
    else return;
    event.preventDefault();
  };
  const onPointer = (event: PointerEvent) => {
    const box = (event.currentTarget as SVGElement).getBoundingClientRect();
    const pointerX = event.clientX - box.left;
    moveTo(
      nearestIndex(
        layout().marks.map((point) => point.x),
        pointerX,
      ),
    );
  };

  return (
    <figure class="chart viewers-chart">
      <Show
        when={props.report.timeline.length > 0}
        fallback={<p class="empty-state">{t('attendance.report.chartEmpty')}</p>}
      >
        <div
          ref={ref}
          class="chart__plot"
          role="img"
          tabindex="0"
          aria-label={summary()}
          aria-describedby={`${hintId} ${readoutId}`}
          data-testid="viewers-chart"
          onKeyDown={onKeyDown}
          onFocus={() => cursor() === null && moveTo(Math.max(peakIndex(), 0))}
          onBlur={() => setCursor(null)}
        >
          <svg
            width={width()}
            height={HEIGHT}
            viewBox={`0 0 ${width()} ${HEIGHT}`}
            aria-hidden="true"
            onPointerMove={onPointer}
            onPointerDown={onPointer}
            onPointerLeave={(event) => event.pointerType === 'mouse' && setCursor(null)}
          >
            <For each={layout().yTicks}>
              {(tick) => (
                <g class="chart__grid">
                  <line x1={MARGIN.left} x2={layout().plotRight} y1={layout().y(tick)} y2={layout().y(tick)} />
                  <text x={MARGIN.left - 8} y={layout().y(tick)} dy="0.32em" text-anchor="end">
                    {count()(tick)}
                  </text>
                </g>
              )}
            </For>
            <For each={layout().xTicks}>
              {(tick) => (
                <text class="chart__tick" x={layout().x(tick)} y={HEIGHT - 8} text-anchor="middle">
                  {clock(tick)}
                </text>
              )}
            </For>
            <path class="viewers-chart__area" d={stepAreaPath(layout().line, layout().plotBottom)} />
            <path class="viewers-chart__line" d={stepLinePath(layout().line)} />
            <Marker x={mark(props.report.liveAt)} label={t('attendance.report.liveMark')} anchor="start" />
            {/* Too close to the live mark (a session of a minute or two), the end's name would write over it. */}
            <Marker
              x={mark(props.report.endedAt)}
              label={markersApart() ? t('attendance.report.endMark') : ''}
              anchor="end"
            />
            <Show when={layout().marks[peakIndex()]}>
              {(peak) => <circle class="viewers-chart__peak" cx={peak().x} cy={peak().y} r="4.5" />}
            </Show>
            <Show when={cursor() !== null && layout().marks[cursor() ?? -1]}>
              {(point) => (
                <g class="viewers-chart__cursor">
                  <line x1={point().x} x2={point().x} y1={MARGIN.top} y2={layout().plotBottom} />
                  <circle cx={point().x} cy={point().y} r="5" />
                </g>
              )}
            </Show>
          </svg>
        </div>
        <p id={hintId} class="visually-hidden">
          {t('attendance.report.chartKeys')}
        </p>
        <p id={readoutId} class="chart__readout" aria-live="polite" data-testid="viewers-readout">
          {readout()}
        </p>
        <ChartTable
          caption={t('attendance.report.chartHeading')}
          columns={[t('attendance.report.time', { zone: zone() }), t('attendance.report.viewers')]}
          rows={props.report.timeline.map((point) => [clock(point.at), count()(point.viewers)])}
        />
      </Show>
    </figure>
  );
}

/** Room for both markers' names side by side. */
const MARKER_LABEL_ROOM = 140;

/** A dashed line where the session went live or ended, its name written inside the chart. */
function Marker(props: { x: number | null; label: string; anchor: 'start' | 'end' }) {
  return (
    <Show when={props.x !== null}>
      <g class="chart__marker">
        <line x1={props.x ?? 0} x2={props.x ?? 0} y1={MARGIN.top - 6} y2={HEIGHT - MARGIN.bottom} />
        <text x={(props.x ?? 0) + (props.anchor === 'start' ? 5 : -5)} y={MARGIN.top - 12} text-anchor={props.anchor}>
          {props.label}
        </text>
      </g>
    </Show>
  );
}
