import { describe, expect, it } from 'vitest';
import { readBookingForm } from './booking-form.ts';
import { bookingPageText } from './booking-page-text.ts';

const EN = bookingPageText('en');
const FULL = { name: '  Maria Lopez ', address: '12 Oak St, Austin', zip: '78701', problem: 'AC blows warm air', slot: 'x' };

describe('[BOOKING PAGE] the details form', () => {
  it('accepts a complete form, trimmed, when the service area is open (empty list)', () => {
    expect(readBookingForm(FULL, [], EN)).toEqual({
      ok: true,
      details: { customerName: 'Maria Lopez', address: '12 Oak St, Austin', zip: '78701', problem: 'AC blows warm air' },
      values: { name: '  Maria Lopez ', address: '12 Oak St, Austin', zip: '78701', problem: 'AC blows warm air' },
    });
  });

  it('takes a ZIP+4 as its five-digit ZIP', () => {
    const result = readBookingForm({ ...FULL, zip: '78701-1234' }, ['78701'], EN);
    expect(result.ok && result.details.zip).toBe('78701');
  });

  it('refuses a ZIP outside the service area, keeping every value as typed', () => {
    const result = readBookingForm({ ...FULL, zip: '10001' }, ['78701', '78702'], EN);
    expect(result).toEqual({ ok: false, errors: { zip: EN.zipOutside('10001') }, values: { name: '  Maria Lopez ', address: '12 Oak St, Austin', zip: '10001', problem: 'AC blows warm air' } });
  });

  it('names every missing field, and a malformed ZIP', () => {
    const result = readBookingForm({ name: ' ', zip: '787' }, [], EN);
    expect(result).toEqual({
      ok: false,
      errors: { name: EN.nameMissing, address: EN.addressMissing, zip: EN.zipInvalid, problem: EN.problemMissing },
      values: { name: ' ', address: '', zip: '787', problem: '' },
    });
  });

  it('refuses an over-long problem description with the limit', () => {
    const result = readBookingForm({ ...FULL, problem: 'x'.repeat(1001) }, [], EN);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ problem: EN.tooLong(1000) });
  });

  it('reads a body that is not a form (or repeats a field) without throwing', () => {
    expect(readBookingForm(null, [], EN).ok).toBe(false);
    expect(readBookingForm('name=x', [], EN).ok).toBe(false);
    const repeated = readBookingForm({ ...FULL, name: ['Maria', 'Other'] }, [], EN);
    expect(repeated.ok && repeated.details.customerName).toBe('Maria');
  });

  it('answers in Spanish for a Spanish page', () => {
    const ES = bookingPageText('es');
    const result = readBookingForm({ ...FULL, zip: '10001' }, ['78701'], ES);
    expect(!result.ok && result.errors.zip).toBe('Lo sentimos, no damos servicio en el código postal 10001. Llámenos para consultar.');
  });
});
