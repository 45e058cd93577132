/**
 * `/calendar`: the dispatcher's bookings in a day or week time grid (react-big-calendar), optionally one
 * column per technician plus "Unassigned", with the organization's arrival windows behind them (how many
 * places each has left, from `GET /api/v1/availability?includeFull=true`).
 *
 * People who may work leads drag a booking to reschedule or assign it: the drop snaps to the arrival
 * window it lands in (`snapToWindow`), and a drop into another technician's column assigns it. The move
 * shows at once; when the server refuses (409: the window is full), the booking snaps back and a
 * notification says why. Clicking a booking opens its details with Reschedule and Cancel. Technicians
 * see their own bookings (the API filters) and cannot drag.
 */
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import { Alert, Box, Drawer, Group, Loader, Stack, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Calendar, dayjsLocalizer, type EventPropGetter, type EventProps } from 'react-big-calendar';
import dragAndDropAddon, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import { useSearchParams } from 'react-router';
import type { Booking, Opening } from '../api/types';
import { errorMessage, notifyFailure, notifySuccess } from '../lead/notify';
import { useTeamMembers } from '../lead/use-team-members';
import { useSession } from '../session';
import { BookingDetails } from './BookingDetails';
import { CalendarToolbar } from './CalendarToolbar';
import {
  applyDropChange,
  bookingToEvent,
  dropChange,
  snapToWindow,
  technicianResources,
  visibleHours,
  windowsToEvents,
  type CalendarEvent,
  type TechnicianResource,
} from './booking-events';
import { windowStripLayout } from './day-layout';
import { calendarParams, readCalendarState, visibleRange, type CalendarState } from './calendar-range';
import { useBooking, useBookings, useMoveBooking, useOpenings } from './use-bookings';
import { windowWithDayLabel } from './window-label';

/**
 * The drag-and-drop addon ships only as CommonJS (`exports.default = withDragAndDrop`), and a default
 * import of it may be the whole `exports` object (Vite's production build, Rolldown: seen as
 * "is not a function") or the function itself (interop that honours `__esModule`): take either.
 */
const withDragAndDrop = (dragAndDropAddon as unknown as { default?: typeof dragAndDropAddon }).default ?? dragAndDropAddon;
const localizer = dayjsLocalizer(dayjs);
const DragAndDropCalendar = withDragAndDrop<CalendarEvent, TechnicianResource>(Calendar);

/** What a booking or a window looks like inside the grid (with hooks for tests and assistive tech). */
function EventContent({ event }: EventProps<CalendarEvent>) {
  if (event.kind === 'window') {
    return (
      <div data-testid="calendar-window" data-start={event.opening.start} data-end={event.opening.end} data-remaining={event.opening.remaining}>
        {event.title}
      </div>
    );
  }
  return (
    <div data-testid="calendar-booking" data-booking-id={event.id} data-start={event.booking.start} aria-label={`Booking: ${event.title}`}>
      {event.title}
    </div>
  );
}

const eventStyle: EventPropGetter<CalendarEvent> = (event) => {
  if (event.kind === 'window') {
    const full = event.opening.remaining <= 0;
    return {
      className: full ? 'rb-window rb-window-full' : 'rb-window',
      style: {
        background: full ? 'var(--mantine-color-red-0)' : 'var(--mantine-color-green-0)',
        border: `1px dashed ${full ? 'var(--mantine-color-red-4)' : 'var(--mantine-color-green-5)'}`,
        color: full ? 'var(--mantine-color-red-8)' : 'var(--mantine-color-green-9)',
        // Right-aligned: bookings leave the column's right strip free for this label (day-layout.ts).
        textAlign: 'right',
        fontSize: 11,
        fontWeight: 600,
      },
    };
  }
  const unassigned = event.booking.technicianId === null;
  return { style: { background: unassigned ? 'var(--mantine-color-orange-7)' : 'var(--mantine-color-blue-7)', borderColor: 'transparent' } };
};

const components = { event: EventContent };
const NO_BOOKINGS: Booking[] = [];

export function CalendarPage() {
  const { can } = useSession();
  const canWork = can('leads:work');
  const [params, setParams] = useSearchParams();
  const state = readCalendarState(params, new Date());
  const setState = (next: Partial<CalendarState>) => setParams(calendarParams({ ...state, ...next }));
  const byTechnician = canWork && state.byTechnician;

  const range = visibleRange(state.view, state.date);
  const from = range.start.toISOString();
  const to = range.end.toISOString();
  const bookings = useBookings(from, to);
  const windows = useOpenings(from, to, { includeFull: true });
  const { members } = useTeamMembers();
  const move = useMoveBooking();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useBooking(selectedId);

  const bookingList = bookings.data ?? NO_BOOKINGS;
  const resources = useMemo(() => technicianResources(members, bookingList), [members, bookingList]);
  const events = useMemo(() => bookingList.map(bookingToEvent), [bookingList]);
  const backgroundEvents = useMemo(() => windowsToEvents(windows.data ?? [], byTechnician ? resources : []), [windows.data, byTechnician, resources]);
  const hours = visibleHours([...events, ...backgroundEvents]);
  const min = dayjs(range.start).hour(hours.min).toDate();
  const max = hours.max >= 24 ? dayjs(range.start).endOf('day').toDate() : dayjs(range.start).hour(hours.max).toDate();

  function onEventDrop({ event, start, end, resourceId }: EventInteractionArgs<CalendarEvent>) {
    if (event.kind !== 'booking') return;
    const booking = event.booking;
    // The booking's own window is a valid target even when it is too soon to be offered (assigning only).
    const candidates: Opening[] = [...(windows.data ?? []), { start: booking.start, end: booking.end, remaining: 1 }];
    const window = snapToWindow(candidates, new Date(start), new Date(end));
    if (!window) {
      notifyFailure('Not moved', new Error('There is no bookable arrival window at that time. Drop the booking onto a window.'));
      return;
    }
    const change = dropChange(booking, window, byTechnician ? resourceId : undefined);
    if (!change) return;
    const technicianName = change.technicianId ? (resources.find((r) => r.id === change.technicianId)?.title ?? null) : null;
    const moved = applyDropChange(booking, change, technicianName);
    move.mutate(
      { booking, patch: change, moved },
      {
        onSuccess: (saved) => {
          const parts = [
            change.start ? `moved to ${windowWithDayLabel(saved.start, saved.end)}` : null,
            change.technicianId !== undefined ? (saved.technicianName ? `assigned to ${saved.technicianName}` : 'unassigned') : null,
          ].filter(Boolean);
          notifySuccess(`Booking ${parts.join(' and ')}`);
        },
        onError: (err) => notifyFailure('Could not move the booking', err),
      },
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Title order={2}>Calendar</Title>
        {bookings.isFetching || windows.isFetching ? <Loader size="xs" aria-label="Refreshing" /> : null}
      </Group>
      <CalendarToolbar state={state} onChange={setState} canSplitByTechnician={canWork} />
      {bookings.isError ? (
        <Alert color="red" title="Could not load bookings">
          {errorMessage(bookings.error)}
        </Alert>
      ) : null}
      {windows.isError ? (
        <Alert color="yellow" title="Arrival windows unavailable">
          {errorMessage(windows.error)}
        </Alert>
      ) : null}
      <Box style={{ height: 'calc(100vh - 210px)', minHeight: 480, overflowX: 'auto' }} data-testid="calendar">
        <Box style={{ height: '100%', minWidth: byTechnician && state.view === 'week' ? 1100 : undefined }}>
          <DragAndDropCalendar
            localizer={localizer}
            toolbar={false}
            views={['day', 'week']}
            view={state.view}
            onView={(view) => setState({ view: view === 'day' ? 'day' : 'week' })}
            date={state.date}
            onNavigate={(date) => setState({ date: dayjs(date).startOf('day').toDate() })}
            events={events}
            backgroundEvents={backgroundEvents}
            resources={byTechnician ? resources : undefined}
            resourceIdAccessor="id"
            resourceTitleAccessor="title"
            resourceAccessor="resourceId"
            resourceGroupingLayout={state.view === 'week'}
            min={min}
            max={max}
            scrollToTime={min}
            step={30}
            timeslots={2}
            components={components}
            eventPropGetter={eventStyle}
            dayLayoutAlgorithm={windowStripLayout}
            tooltipAccessor={(e) => (e.kind === 'booking' ? `${e.title} · ${windowWithDayLabel(e.booking.start, e.booking.end)}` : `Arrival window · ${e.title}`)}
            draggableAccessor={(e) => canWork && e.kind === 'booking'}
            resizable={false}
            onEventDrop={onEventDrop}
            onSelectEvent={(e) => {
              if (e.kind === 'booking') setSelectedId(e.id);
            }}
            onDrillDown={(date) => setState({ view: 'day', date: dayjs(date).startOf('day').toDate(), byTechnician: true })}
          />
        </Box>
      </Box>
      <Drawer opened={selectedId !== null} onClose={() => setSelectedId(null)} position="right" size="md" title="Booking">
        {selected.data ? (
          <BookingDetails booking={selected.data} members={members} canWork={canWork} showLeadLink onCanceled={() => setSelectedId(null)} />
        ) : selected.isError ? (
          <Alert color="red" title="Could not load the booking">
            {errorMessage(selected.error)}
          </Alert>
        ) : (
          <Loader size="sm" aria-label="Loading the booking" />
        )}
      </Drawer>
    </Stack>
  );
}
