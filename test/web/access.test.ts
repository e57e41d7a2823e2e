import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '../../src/domain/review.js';
import { startCrawlRun } from '../../src/store/index.js';
import { html } from '../../src/web/html.js';
import { assertCan } from '../../src/web/policy.js';
import { ROUTES, RESERVED_ROUTES } from '../../src/web/routes/index.js';
import { allowedTo, get, type PageRoute } from '../../src/web/routes/route.js';
import { PLACES, ReviewSeed } from '../store/review-seed.js';
import { addUser, loggedIn, startWebHarness, WebClient, type TestAccount, type WebHarness } from './web-harness.js';

// A page with a resource rule, as the ad page will have: the district comes from the "ad".
const districtProbe = get('/test/advertentie/:district', allowedTo('ad:view'), async (ctx) => {
  const { district } = ctx.request.params as { district: string };
  assertCan(ctx.user, 'ad:view', { district });
  return ctx.page('Advertentie', html`<h1>Advertentie in ${district}</h1>`);
});

let h: WebHarness;
const accounts = {} as Record<UserRole, TestAccount>;
let victim: TestAccount;
let adId: string;

beforeAll(async () => {
  h = await startWebHarness({ routes: [...ROUTES, districtProbe] });
  for (const role of USER_ROLES) accounts[role] = await addUser(h.db, role);
  victim = await addUser(h.db, 'analyst');
  // `:id` routes name the victim's id: make it a crawl run's id too, so /beheer/crawls/:id exists.
  await startCrawlRun(h.db, { id: victim.user.id, site: 'access-test', startedAt: new Date() });
  // `/advertenties/:id…` routes name an ad of the coordinator's district (Kennemerland), in a cluster of two.
  const seed = new ReviewSeed(h.db);
  adId = await seed.ad({ place: PLACES.haarlem });
  await h.db.query('UPDATE ads SET cluster_id = $1::bigint WHERE id = ANY($2::bigint[])', [adId, [adId, await seed.ad({ place: PLACES.velsen })]]);
});
afterAll(() => h?.close());

/** A concrete URL for a route pattern. */
function urlOf(route: PageRoute): string {
  return route.url.replace(':id', route.url.startsWith('/advertenties/') ? adId : victim.user.id);
}

/** The fields an allowed role's POST needs to be valid (the rest post an empty form). */
const FORMS: Record<string, Record<string, string>> = {
  '/advertenties/:id/besluit': { besluit: 'no_action' },
  '/advertenties/:id/clusterbesluit': { besluit: 'no_action' },
};

const protectedRoutes = ROUTES.filter((r) => r.access.kind === 'roles');

describe('the route table', () => {
  it('puts every page but the login form behind a role rule', () => {
    expect(ROUTES.filter((r) => r.access.kind === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /inloggen', 'POST /inloggen']);
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(5);
  });

  it('does not serve a reserved path twice', () => {
    const served = new Set(ROUTES.map((r) => `${r.method} ${r.url}`));
    const reserved = RESERVED_ROUTES.map((r) => `${r.method} ${r.url}`);
    expect(new Set(reserved).size).toBe(reserved.length);
    for (const route of RESERVED_ROUTES) {
      const twin = ROUTES.find((r) => r.method === route.method && r.url === route.url);
      if (twin) expect(twin.access, `${route.url} is served with another rule than planned`).toEqual(route.access);
    }
    expect(served.size).toBe(ROUTES.length);
  });
});

describe.each(protectedRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', (_name, route) => {
  it('sends an anonymous visitor to the login page', async () => {
    const anonymous = new WebClient(h.app);
    await anonymous.get('/inloggen'); // even with the login form's CSRF token, no session is no access
    const response = route.method === 'GET' ? await anonymous.get(urlOf(route)) : await anonymous.post(urlOf(route), {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/inloggen(\?|$)/);
  });

  it.each(USER_ROLES)('as %s: allowed by its rule, else 403', async (role) => {
    const client = await loggedIn(h.app, accounts[role]);
    const response = route.method === 'GET' ? await client.get(urlOf(route)) : await client.post(urlOf(route), FORMS[route.url] ?? {});
    const allowed = route.access.kind === 'roles' && route.access.roles.includes(role);
    if (allowed) {
      expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(400);
      // Not the anonymous redirect (logout's own redirect to /inloggen?uitgelogd is fine).
      expect(String(response.headers.location ?? '')).not.toMatch(/^\/inloggen(\?terug=|$)/);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Geen toegang');
    }
  });
});

describe('a page with a district rule', () => {
  it('shows a coordinator an ad of their own district, 404 for another district, 403 to an analyst', async () => {
    const coordinator = await loggedIn(h.app, accounts.coordinator); // Kennemerland
    expect((await coordinator.get('/test/advertentie/Kennemerland')).statusCode).toBe(200);
    const other = await coordinator.get('/test/advertentie/Zaanstreek-Waterland');
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Zaanstreek-Waterland');
    expect((await (await loggedIn(h.app, accounts.analyst)).get('/test/advertentie/Kennemerland')).statusCode).toBe(403);
    expect((await (await loggedIn(h.app, accounts.admin)).get('/test/advertentie/Zaanstreek-Waterland')).statusCode).toBe(200);
  });
});

describe('landing pages and navigation', () => {
  it.each([
    ['admin', '/beheer'],
    ['coordinator', '/werkvoorraad'],
    ['analyst', '/overzicht'],
  ] as const)('sends %s from / to %s', async (role, path) => {
    const client = await loggedIn(h.app, accounts[role]);
    const response = await client.get('/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(path);
  });

  it('shows each role only the menu items it may use', async () => {
    const menu = async (role: UserRole) => {
      const body = (await (await loggedIn(h.app, accounts[role])).get('/niet-bestaand')).body;
      return [...body.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1]);
    };
    expect(await menu('admin')).toEqual(['/werkvoorraad', '/overzicht', '/analyse', '/beheer', '/beheer/audit', '/beheer/gebruikers']);
    expect(await menu('coordinator')).toEqual(['/werkvoorraad', '/overzicht']);
    expect(await menu('analyst')).toEqual(['/overzicht', '/analyse']);
  });

  it('answers an unknown path with the Dutch 404 page', async () => {
    const response = await new WebClient(h.app).get('/bestaat-niet');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Niet gevonden');
    expect(response.headers['content-type']).toContain('text/html');
  });
});
