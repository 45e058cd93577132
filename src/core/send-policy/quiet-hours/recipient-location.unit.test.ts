import { describe, it, expect } from 'vitest';
import { DateTime, IANAZone } from 'luxon';
import areaCodeData from 'areacodes/lib/data.json' with { type: 'json' };
import {
  AREA_CODE_TIME_ZONE_OVERRIDES,
  normalizeZip,
  recipientLocation,
  STATE_TIME_ZONES,
} from './recipient-location.ts';
import { checkQuietHours } from './quiet-hours.ts';

const ORG = { fallbackTimeZone: 'America/Los_Angeles' };

describe('recipientLocation: ZIP first', () => {
  it('a ZIP in a different zone than the area code wins (El Paso ZIP, Miami number)', () => {
    expect(recipientLocation({ zip: '79901', phoneE164: '+13055550123', ...ORG })).toEqual({
      timeZone: 'America/Denver',
      state: 'TX',
      source: 'zip',
    });
    expect(recipientLocation({ zip: '85001', phoneE164: '+12125550123', ...ORG })).toEqual({
      timeZone: 'America/Phoenix',
      state: 'AZ',
      source: 'zip',
    });
  });

  it('accepts ZIP+4 and surrounding spaces', () => {
    for (const zip of ['33101-1234', '331011234', ' 33101 ']) {
      expect(recipientLocation({ zip, phoneE164: '+12125550123', ...ORG })).toEqual({
        timeZone: 'America/New_York',
        state: 'FL',
        source: 'zip',
      });
    }
  });

  it('ignores a malformed or unknown ZIP and uses the area code', () => {
    for (const zip of ['ABCDE', '1234', '123456', '00000', '', null, undefined]) {
      expect(recipientLocation({ zip, phoneE164: '+12125550123', ...ORG }), String(zip)).toEqual({
        timeZone: 'America/New_York',
        state: 'NY',
        source: 'area_code',
      });
    }
    expect(normalizeZip('33101-1234')).toBe('33101');
    expect(normalizeZip('3310')).toBeNull();
  });

  it('Indiana by ZIP: Lake County and Evansville are Central, Indianapolis and Knox County have their own zones', () => {
    expect(recipientLocation({ zip: '46320', phoneE164: '+13175550123', ...ORG }).timeZone).toBe('America/Chicago');
    expect(recipientLocation({ zip: '47708', phoneE164: '+13175550123', ...ORG }).timeZone).toBe('America/Chicago');
    expect(recipientLocation({ zip: '46204', phoneE164: '+12195550123', ...ORG }).timeZone).toBe(
      'America/Indiana/Indianapolis',
    );
    expect(recipientLocation({ zip: '47591', phoneE164: '+12195550123', ...ORG }).timeZone).toBe(
      'America/Indiana/Vincennes',
    );
  });

  it('the Navajo Nation in Arizona observes DST (America/Denver), the rest of Arizona does not', () => {
    expect(recipientLocation({ zip: '86515', phoneE164: '+16025550123', ...ORG })).toMatchObject({
      timeZone: 'America/Denver',
      state: 'AZ',
    });
  });

  it('the western Florida Panhandle ZIP is Central', () => {
    expect(recipientLocation({ zip: '32501', phoneE164: '+13055550123', ...ORG })).toEqual({
      timeZone: 'America/Chicago',
      state: 'FL',
      source: 'zip',
    });
  });
});

describe('recipientLocation: area code', () => {
  it('a Florida area code (+1 305) gets Eastern time and the Florida 8 p.m. limit', () => {
    const location = recipientLocation({ phoneE164: '+13055550123', ...ORG });
    expect(location).toEqual({ timeZone: 'America/New_York', state: 'FL', source: 'area_code' });
    const now = DateTime.fromISO('2026-06-17T20:00:00', { zone: 'America/New_York' }).toJSDate();
    expect(checkQuietHours({ now, location })).toMatchObject({ allowed: false, retryAt: '2026-06-18T12:00:00.000Z' });
  });

  it('split-zone area codes take the zone of most of their population', () => {
    const cases: Array<[string, string, string]> = [
      ['+18505550123', 'America/Chicago', 'FL'], // Pensacola–Panama City outweigh Tallahassee
      ['+19155550123', 'America/Denver', 'TX'], // El Paso
      ['+12195550123', 'America/Chicago', 'IN'], // NW Indiana
      ['+18125550123', 'America/Indiana/Indianapolis', 'IN'], // mostly Eastern; Evansville area is Central
      ['+13175550123', 'America/Indiana/Indianapolis', 'IN'],
      ['+12705550123', 'America/Chicago', 'KY'], // western Kentucky
      ['+15025550123', 'America/New_York', 'KY'], // Louisville
      ['+14235550123', 'America/New_York', 'TN'], // East Tennessee
      ['+16155550123', 'America/Chicago', 'TN'], // Nashville
      ['+12085550123', 'America/Boise', 'ID'],
      ['+16025550123', 'America/Phoenix', 'AZ'],
      ['+18085550123', 'Pacific/Honolulu', 'HI'],
      ['+19075550123', 'America/Anchorage', 'AK'],
    ];
    for (const [phoneE164, timeZone, state] of cases) {
      expect(recipientLocation({ phoneE164, ...ORG }), phoneE164).toEqual({ timeZone, state, source: 'area_code' });
    }
  });

  it('US territories come from libphonenumber-js regions', () => {
    expect(recipientLocation({ phoneE164: '+17875550123', ...ORG })).toEqual({
      timeZone: 'America/Puerto_Rico',
      state: 'PR',
      source: 'area_code',
    });
    expect(recipientLocation({ phoneE164: '+16715550123', ...ORG })).toMatchObject({ timeZone: 'Pacific/Guam' });
  });
});

describe('recipientLocation: organization fallback', () => {
  it('unknown area codes, toll-free, Canadian, foreign and malformed numbers fall back to the organization zone', () => {
    for (const phoneE164 of ['+18005550123', '+14165550123', '+442071838750', '+1555', 'not a number', '']) {
      expect(recipientLocation({ phoneE164, ...ORG }), phoneE164).toEqual({
        timeZone: 'America/Los_Angeles',
        state: null,
        source: 'organization',
      });
    }
  });

  it('an area code newer than the dataset (FL overlay 645) falls back; fallbackState keeps the state window', () => {
    expect(recipientLocation({ phoneE164: '+16455550123', ...ORG }).source).toBe('organization');
    expect(
      recipientLocation({ phoneE164: '+16455550123', fallbackTimeZone: 'America/New_York', fallbackState: 'fl' }),
    ).toEqual({ timeZone: 'America/New_York', state: 'FL', source: 'organization' });
  });
});

describe('recipientLocation: reference data', () => {
  it('every state, DC and territory zone, and every override, is a valid IANA zone', () => {
    for (const zone of [...Object.values(STATE_TIME_ZONES), ...Object.values(AREA_CODE_TIME_ZONE_OVERRIDES)]) {
      expect(IANAZone.isValidZone(zone), zone).toBe(true);
    }
    expect(Object.keys(STATE_TIME_ZONES)).toHaveLength(51 + 5);
  });

  it('every geographic area code in the dataset resolves to a state with a zone', () => {
    const entries = Object.entries(areaCodeData as unknown as Record<string, { type: string; stateCode: string | null }>);
    const local = entries.filter(([, e]) => e.type === 'local');
    expect(local.length).toBeGreaterThan(300);
    for (const [areaCode, entry] of local) {
      expect(entry.stateCode && STATE_TIME_ZONES[entry.stateCode.toUpperCase()], areaCode).toBeTruthy();
    }
  });
});
