import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/domain/districts.js';
import { USER_ROLES } from '../../src/domain/review.js';
import { HttpError } from '../../src/web/http-error.js';
import { assertCan, can, denialStatus, homePathFor, POLICY_ACTIONS, type SessionUser } from '../../src/web/policy.js';
import { allowedTo } from '../../src/web/routes/route.js';

const admin: SessionUser = { id: '1', username: 'a', role: 'admin', district: null };
const kennemerland: SessionUser = { id: '2', username: 'k', role: 'coordinator', district: 'Kennemerland' };
const analyst: SessionUser = { id: '3', username: 'n', role: 'analyst', district: null };

describe('policy', () => {
  it('an analyst gets aggregates only: no ad, no personal data in any district', () => {
    for (const district of [...DISTRICTS, null]) {
      for (const action of ['ad:view', 'ad:decide', 'personal-data:view', 'queue:view'] as const) expect(can(analyst, action, { district })).toBe(false);
    }
    expect(can(analyst, 'overview:view')).toBe(true);
    expect(can(analyst, 'export:aggregate')).toBe(true);
    expect(can(analyst, 'audit:view')).toBe(false);
  });

  it('a coordinator acts on their own district only; out-of-region ads are nobody\'s district', () => {
    expect(can(kennemerland, 'ad:view', { district: 'Kennemerland' })).toBe(true);
    expect(can(kennemerland, 'ad:decide', { district: 'Kennemerland' })).toBe(true);
    for (const district of ['Zaanstreek-Waterland', 'Noord-Holland Noord', null, undefined]) {
      expect(can(kennemerland, 'ad:view', { district })).toBe(false);
      expect(can(kennemerland, 'personal-data:view', { district })).toBe(false);
    }
    expect(can(kennemerland, 'ad:view')).toBe(false); // no resource: no district to match
    expect(can(kennemerland, 'audit:view')).toBe(false);
    expect(can(kennemerland, 'users:manage')).toBe(false);
  });

  it('an admin may do everything, in every district', () => {
    for (const action of POLICY_ACTIONS) for (const district of [...DISTRICTS, null]) expect(can(admin, action, { district })).toBe(true);
  });

  it('another district\'s ad is 404 for a coordinator; a forbidden role gets 403', () => {
    expect(denialStatus(kennemerland, 'ad:view')).toBe(404);
    expect(denialStatus(analyst, 'ad:view')).toBe(403);
    expect(denialStatus(kennemerland, 'audit:view')).toBe(403);
    const thrown = (() => {
      try {
        assertCan(kennemerland, 'ad:view', { district: 'Zaanstreek-Waterland' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(404);
    expect(() => assertCan(kennemerland, 'ad:view', { district: 'Kennemerland' })).not.toThrow();
  });

  it('route rules come from the policy', () => {
    expect(allowedTo('queue:view').roles).toEqual(['admin', 'coordinator']);
    expect(allowedTo('overview:view').roles).toEqual(['admin', 'coordinator', 'analyst']);
    expect(allowedTo('audit:view').roles).toEqual(['admin']);
    expect(allowedTo('export:aggregate').roles).toEqual(['admin', 'analyst']);
  });

  it('each role lands on its own page', () => {
    expect(USER_ROLES.map((role) => homePathFor({ role }))).toEqual(['/beheer', '/werkvoorraad', '/overzicht']);
  });
});
