import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { bookingLocation, bookingSummary, renderBookingCalendar } from './booking-calendar.ts';
import type { FeedBooking } from './feed-bookings.ts';

const booking: FeedBooking = {
  id: '0b0e5f2c-4a4b-4d55-9a53-2f1d3c1e7a10',
  leadId: '5a4a3c2e-1111-4222-8333-944455566677',
  status: 'booked',
  startAt: new Date('2026-11-19T14:00:00Z'),
  endAt: new Date('2026-11-19T18:00:00Z'),
  jobType: 'Furnace repair',
  customerName: 'Dana Smith',
  phoneE164: '+15125550123',
  address: '12 Oak St, Austin, TX',
  zip: '78701',
  problem: 'No heat; pilot out, again',
  notes: null,
  technicianName: null,
  version: 2,
  createdAt: new Date('2026-11-18T15:00:00Z'),
  updatedAt: new Date('2026-11-18T15:30:00Z'),
};
const options = { name: 'Acme – bookings', timeZone: 'America/Chicago', publicUrl: 'https://ringback.test', showTechnician: false };

describe('booking calendar (ICS)', () => {
  it('titles a visit by job type and customer, "Service visit" without a job type, and marks a cancellation', () => {
    expect(bookingSummary(booking)).toBe('Furnace repair – Dana Smith');
    expect(bookingSummary({ jobType: null, customerName: null, status: 'booked' })).toBe('Service visit');
    expect(bookingSummary({ jobType: '  ', customerName: 'Lee', status: 'canceled' })).toBe('Canceled: Service visit – Lee');
  });

  it('appends the ZIP to the address unless the address already ends with it', () => {
    expect(bookingLocation(booking)).toBe('12 Oak St, Austin, TX 78701');
    expect(bookingLocation({ address: '12 Oak St, Austin, TX 78701', zip: '78701' })).toBe('12 Oak St, Austin, TX 78701');
    expect(bookingLocation({ address: null, zip: '78701' })).toBe('78701');
    expect(bookingLocation({ address: null, zip: null })).toBeNull();
  });

  it('renders the same bytes for the same bookings (no clock inside), with text escaped so a parser reads it back intact', () => {
    const first = renderBookingCalendar([booking], options);
    expect(renderBookingCalendar([booking], options)).toBe(first);
    const vevent = new ICAL.Component(ICAL.parse(first)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-18T15:30:00Z');
    expect(new ICAL.Event(vevent).description).toBe(`Phone: +15125550123\nProblem: No heat; pilot out, again\nLead: https://ringback.test/leads/${booking.leadId}`);
  });
});
