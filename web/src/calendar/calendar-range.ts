/**
 * What the calendar shows, kept in the URL (`/calendar?view=week&date=2026-11-19&byTechnician=1`) so a
 * view can be shared and survives a reload: the view (`day` or `week`), the day it is anchored on (a
 * browser-local date) and whether bookings are split into technician columns. Pure: `today` is an
 * argument. Weeks start on the locale's first weekday, as react-big-calendar's dayjs localizer counts them.
 */
import dayjs from 'dayjs';

export type CalendarView = 'day' | 'week';

export interface CalendarState {
  view: CalendarView;
  /** Local midnight of the anchor day. */
  date: Date;
  /** One column per technician plus "Unassigned" (default: on in the day view, off in the week view). */
  byTechnician: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The state in `params`; missing or malformed values fall back to the week of `today`. */
export function readCalendarState(params: URLSearchParams, today: Date): CalendarState {
  const view: CalendarView = params.get('view') === 'day' ? 'day' : 'week';
  const raw = params.get('date') ?? '';
  const parsed = DATE.test(raw) ? dayjs(raw) : null;
  const date = (parsed?.isValid() ? parsed : dayjs(today)).startOf('day').toDate();
  const flag = params.get('byTechnician');
  const byTechnician = flag === '1' ? true : flag === '0' ? false : view === 'day';
  return { view, date, byTechnician };
}

/** The URL query of `state` (`date` as the local `YYYY-MM-DD`). */
export function calendarParams(state: CalendarState): URLSearchParams {
  return new URLSearchParams({ view: state.view, date: dayjs(state.date).format('YYYY-MM-DD'), byTechnician: state.byTechnician ? '1' : '0' });
}

/** The instants the view covers: `[start, end)`, local midnights (a day, or the week holding `date`). */
export function visibleRange(view: CalendarView, date: Date): { start: Date; end: Date } {
  const start = dayjs(date).startOf(view === 'day' ? 'day' : 'week');
  return { start: start.toDate(), end: start.add(1, view).toDate() };
}

/** The anchor one view earlier (`-1`) or later (`1`). */
export function stepDate(view: CalendarView, date: Date, direction: -1 | 1): Date {
  return dayjs(date).add(direction, view).toDate();
}

/** `Thursday, Nov 19, 2026` (day) or `Nov 15 – 21, 2026` (week). */
export function rangeTitle(view: CalendarView, date: Date): string {
  if (view === 'day') return dayjs(date).format('dddd, MMM D, YYYY');
  const { start, end } = visibleRange(view, date);
  const first = dayjs(start);
  const last = dayjs(end).subtract(1, 'day');
  if (first.year() !== last.year()) return `${first.format('MMM D, YYYY')} – ${last.format('MMM D, YYYY')}`;
  if (first.month() !== last.month()) return `${first.format('MMM D')} – ${last.format('MMM D, YYYY')}`;
  return `${first.format('MMM D')} – ${last.format('D, YYYY')}`;
}
