/**
 * How events sit side by side in one day column of the time grid (a react-big-calendar
 * `dayLayoutAlgorithm`). Arrival windows span the whole column; bookings share the column minus a strip
 * on the right, so the window behind them always shows its label ("1 left", "Full"), even when
 * bookings fill it. Bookings that overlap in time get equal side-by-side lanes (first free lane, in
 * start order). Pure: positions only, in percent of the column.
 */
import type { CalendarEvent } from './booking-events';

/** Width of the strip kept free for the window's label, in percent of the column. */
export const WINDOW_LABEL_STRIP_PERCENT = 26;

/** What react-big-calendar hands a layout function (the parts this one uses). */
export interface DayLayoutArgs {
  events: CalendarEvent[];
  slotMetrics: { getRange(start: Date, end: Date): { top: number; height: number } };
  accessors: { start(event: CalendarEvent): Date; end(event: CalendarEvent): Date };
}

/** Where one event goes: `top`/`height` along the day, `xOffset`/`width` across the column, all percent. */
export interface StyledEvent {
  event: CalendarEvent;
  style: { top: number; height: number; width: number; xOffset: number };
}

/** The layout: windows full width; bookings in lanes within the left `100 − WINDOW_LABEL_STRIP_PERCENT` percent. */
export function windowStripLayout({ events, slotMetrics, accessors }: DayLayoutArgs): StyledEvent[] {
  const placed: StyledEvent[] = [];
  const bookings: Array<{ event: CalendarEvent; start: number; end: number; top: number; height: number; lane: number }> = [];
  for (const event of events) {
    const { top, height } = slotMetrics.getRange(accessors.start(event), accessors.end(event));
    if (event.kind === 'window') placed.push({ event, style: { top, height, width: 100, xOffset: 0 } });
    else bookings.push({ event, start: accessors.start(event).getTime(), end: accessors.end(event).getTime(), top, height, lane: 0 });
  }
  bookings.sort((a, b) => a.start - b.start || b.end - a.end);
  // Clusters: runs of bookings that overlap one another (directly or through a chain).
  let cluster: typeof bookings = [];
  let clusterEnd = -Infinity;
  const flush = () => {
    const laneEnds: number[] = [];
    for (const b of cluster) {
      let lane = laneEnds.findIndex((end) => end <= b.start);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = b.end;
      b.lane = lane;
    }
    const width = (100 - WINDOW_LABEL_STRIP_PERCENT) / Math.max(1, laneEnds.length);
    for (const b of cluster) placed.push({ event: b.event, style: { top: b.top, height: b.height, width, xOffset: b.lane * width } });
    cluster = [];
  };
  for (const b of bookings) {
    if (b.start >= clusterEnd && cluster.length > 0) {
      flush();
      clusterEnd = -Infinity;
    }
    cluster.push(b);
    clusterEnd = Math.max(clusterEnd, b.end);
  }
  flush();
  return placed;
}
