/** The pure vendor builders: each request carries what the vendor's API docs ask for, from one lead. */
import { describe, expect, it } from 'vitest';
import { buildHousecallProLead } from './housecall-pro.ts';
import { buildJobberPlan } from './jobber.ts';
import type { FsmPushInput } from './push-input.ts';
import { pushSummary, pushTitle } from './push-summary.ts';
import { buildServiceTitanBooking, serviceTitanBookingsUrl } from './servicetitan.ts';
import { splitPersonName, splitUsAddress } from './us-address.ts';

const booked: FsmPushInput = {
  pushId: 'p1',
  leadId: 'lead-1',
  businessName: 'Acme Plumbing',
  timeZone: 'America/Chicago',
  contact: { phoneE164: '+15125550123', name: null, email: null, zip: null },
  booking: {
    id: 'booking-1',
    // Tue 24 Nov 2026, 8-12 in Chicago (UTC-6).
    start: '2026-11-24T14:00:00.000Z',
    end: '2026-11-24T18:00:00.000Z',
    jobType: 'Water heater repair',
    customerName: 'Jane Q Doe',
    address: '123 Main St, Austin, TX',
    zip: '78701',
    problem: 'No hot water',
    notes: 'Gate code 4321',
  },
  source: { numberE164: '+15125550100', leadSource: 'Google LSA' },
  intent: 'booking',
  safety: false,
};
const qualified: FsmPushInput = { ...booked, booking: null, contact: { ...booked.contact, name: 'Sam' }, source: { numberE164: '+15125550100', leadSource: null } };

describe('ServiceTitan booking', () => {
  it('posts to the booking provider of the tenant', () => {
    expect(serviceTitanBookingsUrl({ tenantId: '123', bookingProviderId: '77' })).toBe('https://api.servicetitan.io/crm/v2/tenant/123/booking-provider/77/bookings');
    expect(serviceTitanBookingsUrl({ tenantId: '123', bookingProviderId: '77', apiBaseUrl: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:9/crm/v2/tenant/123/booking-provider/77/bookings');
  });

  it('carries name, address, mobile phone, summary, window start, configured ids and our id as externalId', () => {
    const body = buildServiceTitanBooking(booked, { tenantId: '123', bookingProviderId: '77', campaignId: '5', businessUnitId: '6', jobTypeId: '7' });
    expect(body).toMatchObject({
      source: 'Ringback',
      name: 'Jane Q Doe',
      address: { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
      contacts: [{ type: 'MobilePhone', value: '5125550123', memo: expect.any(String) }],
      start: '2026-11-24T14:00:00.000Z',
      campaignId: 5,
      businessUnitId: 6,
      jobTypeId: 7,
      priority: 'Normal',
      externalId: 'booking-1',
      isFirstTimeClient: true,
      isSendConfirmationEmail: false,
    });
    expect(body.summary).toContain('Problem: No hot water');
    expect(body.summary).toContain('Arrival window: Tue 11/24 8-12');
    expect(body.summary).toContain('Lead source: Google LSA (called +15125550100)');
  });

  it("picks the campaign of the lead's source over the default one", () => {
    expect(buildServiceTitanBooking(booked, { tenantId: '1', bookingProviderId: '2', campaignId: '5', campaignIdsBySource: { 'Google LSA': '99' } }).campaignId).toBe(99);
  });

  it('marks a safety emergency Urgent whatever the configured priority', () => {
    expect(buildServiceTitanBooking({ ...booked, safety: true }, { tenantId: '1', bookingProviderId: '2', priority: 'Low' }).priority).toBe('Urgent');
  });

  it('a qualified lead without booking sends no address, no start, the lead id as externalId and the phone as name only when nameless', () => {
    const body = buildServiceTitanBooking(qualified, { tenantId: '1', bookingProviderId: '2' });
    expect(body.address).toBeUndefined();
    expect(body.start).toBeUndefined();
    expect(body.externalId).toBe('lead-1');
    expect(body.name).toBe('Sam');
    expect(buildServiceTitanBooking({ ...qualified, contact: { ...qualified.contact, name: null } }, { tenantId: '1', bookingProviderId: '2' }).name).toBe('+15125550123');
  });
});

describe('Housecall Pro lead', () => {
  it('has the customer (first/last name, mobile number), address, lead source and a note', () => {
    expect(buildHousecallProLead(booked, {})).toMatchObject({
      customer: { first_name: 'Jane', last_name: 'Q Doe', mobile_number: '5125550123', lead_source: 'Google LSA' },
      address: { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
      lead_source: 'Google LSA',
      note: pushSummary(booked),
    });
  });

  it("uses the connection's lead source when the number has none, and Ringback when neither has", () => {
    expect(buildHousecallProLead(qualified, { leadSource: 'Website' }).lead_source).toBe('Website');
    expect(buildHousecallProLead(qualified, {}).lead_source).toBe('Ringback');
    expect(buildHousecallProLead(qualified, {}).address).toBeUndefined();
  });
});

describe('Jobber plan', () => {
  it('creates the client with phone, billing address and property, then a request titled by job and window', () => {
    const plan = buildJobberPlan(booked);
    const address = { street1: '123 Main St', city: 'Austin', province: 'TX', postalCode: '78701', country: 'United States' };
    expect(plan.clientCreate.input).toEqual({
      firstName: 'Jane',
      lastName: 'Q Doe',
      phones: [{ number: '(512) 555-0123', primary: true, description: 'MOBILE' }],
      billingAddress: address,
      properties: [{ address }],
    });
    expect(plan.address).toEqual(address);
    expect(plan.requestCreate.title).toBe('Water heater repair - Tue 11/24 8-12');
  });

  it('a lead without an address creates no property', () => {
    const plan = buildJobberPlan(qualified);
    expect(plan.address).toBeNull();
    expect(plan.clientCreate.input).not.toHaveProperty('properties');
    expect(pushTitle(qualified)).toBe('Service request');
  });
});

describe('free-text addresses and names', () => {
  it.each([
    ['123 Main St, Austin, TX', '78701', { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78701' }],
    ['123 Main St, Austin TX 78702', null, { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78702' }],
    ['9 Elm Rd, Round Rock', '78664', { street: '9 Elm Rd', city: 'Round Rock', state: 'TX', zip: '78664' }],
    ['9 Elm Rd', null, { street: '9 Elm Rd', city: '', state: '', zip: '' }],
    [null, null, { street: '', city: '', state: '', zip: '' }],
  ])('%s (ZIP %s)', (address, zip, expected) => {
    expect(splitUsAddress(address, zip)).toEqual({ ...expected, country: 'US' });
  });

  it('splits a name on its first space', () => {
    expect(splitPersonName('  Jane   Q Doe ')).toEqual({ first: 'Jane', last: 'Q Doe' });
    expect(splitPersonName('Cher')).toEqual({ first: 'Cher', last: '' });
    expect(splitPersonName(null)).toEqual({ first: '', last: '' });
  });
});
