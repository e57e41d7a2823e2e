import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, listDecisions } from '../../src/store/index.js';
import { PLACES, ReviewSeed } from '../store/review-seed.js';
import { addUser, loggedIn, startWebHarness, type TestAccount, type WebClient, type WebHarness } from './web-harness.js';

// Review decisions through HTTP: CSRF, Post/Redirect/Get, history, audit, district rule, and the
// bulk cluster decision with its confirmation step.
let h: WebHarness;
let seed: ReviewSeed;
let account: TestAccount;
let coordinator: WebClient;

beforeAll(async () => {
  h = await startWebHarness();
  seed = new ReviewSeed(h.db);
  account = await addUser(h.db, 'coordinator', { district: 'Kennemerland' });
  coordinator = await loggedIn(h.app, account);
}, 60_000);
afterAll(() => h?.close());

const decisionsOf = async (adId: string) => (await listDecisions(h.db, adId)).map((d) => [d.decision, d.note, d.clusterId]);

/** Three ads of one cluster: two in Kennemerland, one in Zaanstreek-Waterland. */
async function cluster(): Promise<{ clusterId: string; haarlem: string; velsen: string; zaanstad: string }> {
  const haarlem = await seed.ad({ place: PLACES.haarlem, title: 'Cluster Haarlem', score: 0.5 });
  const velsen = await seed.ad({ place: PLACES.velsen, title: 'Cluster <b>Velsen</b>', score: 0.4 });
  const zaanstad = await seed.ad({ place: PLACES.zaanstad, title: 'Cluster Zaanstad', score: 0.4 });
  await h.db.query(`UPDATE ads SET cluster_id = $1::bigint WHERE id = ANY($2::bigint[])`, [haarlem, [haarlem, velsen, zaanstad]]);
  return { clusterId: haarlem, haarlem, velsen, zaanstad };
}

describe('POST /advertenties/:id/besluit', () => {
  it('refuses a decision without the CSRF token, and writes nothing', async () => {
    const adId = await seed.ad({ place: PLACES.haarlem });
    const response = await coordinator.post(`/advertenties/${adId}/besluit`, { besluit: 'no_action' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    const forged = await coordinator.post(`/advertenties/${adId}/besluit`, { besluit: 'no_action' }, { csrf: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(403);
    expect(await decisionsOf(adId)).toEqual([]);
  });

  it('records a decision, audits it and redirects back to the ad with a confirmation', async () => {
    const adId = await seed.ad({ place: PLACES.haarlem });
    const response = await coordinator.post(`/advertenties/${adId}/besluit`, { besluit: 'inspection_planned', notitie: '  Langs op dinsdag <b>vet</b>  ' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/advertenties/${adId}?vastgelegd=1#besluit`);
    expect(await decisionsOf(adId)).toEqual([['inspection_planned', 'Langs op dinsdag <b>vet</b>', null]]);
    const page = await coordinator.get(`/advertenties/${adId}?vastgelegd=1`);
    expect(page.body).toContain('<p class="notice" role="status">Besluit vastgelegd: <strong>Controle gepland</strong>.</p>');
    expect(page.body).toContain('Langs op dinsdag &lt;b&gt;vet&lt;/b&gt;');
    const { entries } = await listAuditEntries(h.db, { action: 'decision' }, { limit: 10 });
    expect(entries[0]).toMatchObject({ userId: account.user.id, username: account.user.username, target: adId, details: { decision: 'inspection_planned' } });
  });

  it('keeps the history when a decision is changed: both shown, newest first, the newest current', async () => {
    const adId = await seed.ad({ place: PLACES.haarlem, title: 'Twee besluiten', score: 0.99 });
    await coordinator.post(`/advertenties/${adId}/besluit`, { besluit: 'inspection_planned' });
    await coordinator.post(`/advertenties/${adId}/besluit`, { besluit: 'inspected_unlicensed', notitie: 'Geen vergunning ter plekke' });
    const page = (await coordinator.get(`/advertenties/${adId}`)).body;
    const history = page.slice(page.indexOf('id="h-besluit"'));
    const rows = [...history.matchAll(/<tr>\s*<td><time[^>]*>[^<]*<\/time><\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([[account.user.username, 'Gecontroleerd: onvergund'], [account.user.username, 'Controle gepland']]);
    expect(page).toContain('Besluit wijzigen');
    const queue = (await coordinator.get('/werkvoorraad?review=inspected_unlicensed')).body;
    expect(queue).toContain('Twee besluiten');
    expect((await coordinator.get('/werkvoorraad')).body).not.toContain('Twee besluiten');
  });

  it("is a 404 for another district's ad, and a 400 for a decision that is not one", async () => {
    const zaanstad = await seed.ad({ place: PLACES.zaanstad });
    expect((await coordinator.post(`/advertenties/${zaanstad}/besluit`, { besluit: 'no_action' })).statusCode).toBe(404);
    expect(await decisionsOf(zaanstad)).toEqual([]);
    const haarlem = await seed.ad({ place: PLACES.haarlem });
    expect((await coordinator.post(`/advertenties/${haarlem}/besluit`, { besluit: 'approved' })).statusCode).toBe(400);
    expect((await coordinator.post(`/advertenties/${haarlem}/besluit`, { besluit: 'no_action', notitie: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect(await decisionsOf(haarlem)).toEqual([]);
  });

  it('refuses analysts', async () => {
    const adId = await seed.ad({ place: PLACES.haarlem });
    const analyst = await loggedIn(h.app, await addUser(h.db, 'analyst'));
    expect((await analyst.post(`/advertenties/${adId}/besluit`, { besluit: 'no_action' })).statusCode).toBe(403);
    expect(await decisionsOf(adId)).toEqual([]);
  });
});

describe('POST /advertenties/:id/clusterbesluit', () => {
  it('first shows which ads of the district it will touch, writing nothing', async () => {
    const c = await cluster();
    const response = await coordinator.post(`/advertenties/${c.velsen}/clusterbesluit`, { besluit: 'passed_police', notitie: 'Zelfde persoon' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('voor <strong>2 advertentie(s)</strong>');
    expect(response.body).toContain('1 advertentie(s) van dit cluster in andere gebieden blijven ongemoeid');
    expect(response.body).toContain('Cluster &lt;b&gt;Velsen&lt;/b&gt;');
    expect(response.body).not.toContain('Cluster Zaanstad');
    expect(response.body).toContain('<input type="hidden" name="aantal" value="2">');
    for (const id of [c.haarlem, c.velsen, c.zaanstad]) expect(await decisionsOf(id)).toEqual([]);
  });

  it('records the confirmed decision for the district\'s ads of the cluster only, with one audit entry', async () => {
    const c = await cluster();
    const response = await coordinator.post(`/advertenties/${c.velsen}/clusterbesluit`, { besluit: 'passed_police', notitie: 'Zelfde persoon', bevestigd: 'ja', aantal: '2' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/advertenties/${c.velsen}?clusterbesluit=2#besluit`);
    for (const id of [c.haarlem, c.velsen]) expect(await decisionsOf(id)).toEqual([['passed_police', 'Zelfde persoon', c.clusterId]]);
    expect(await decisionsOf(c.zaanstad)).toEqual([]);
    const { entries } = await listAuditEntries(h.db, { action: 'decision' }, { limit: 1 });
    expect(entries[0]).toMatchObject({ target: c.velsen, details: { decision: 'passed_police', clusterId: c.clusterId, ads: 2, adIds: [c.haarlem, c.velsen], outsideScope: 1 } });
    const page = (await coordinator.get(response.headers.location as string)).body;
    expect(page).toContain('Besluit vastgelegd voor 2 advertentie(s) van het cluster: <strong>Overgedragen aan politie (AVIM)</strong>.');
    expect(page).toContain('<span class="tag">clusterbesluit</span>');
  });

  it('asks again instead of writing when the cluster changed after the confirmation was shown', async () => {
    const c = await cluster();
    const response = await coordinator.post(`/advertenties/${c.haarlem}/clusterbesluit`, { besluit: 'no_action', bevestigd: 'ja', aantal: '3' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Het cluster is intussen veranderd');
    expect(await decisionsOf(c.haarlem)).toEqual([]);
  });

  it('lets an admin decide for the whole cluster, every district', async () => {
    const c = await cluster();
    const admin = await loggedIn(h.app, await addUser(h.db, 'admin'));
    const response = await admin.post(`/advertenties/${c.haarlem}/clusterbesluit`, { besluit: 'false_positive', bevestigd: 'ja', aantal: '3' });
    expect(response.statusCode).toBe(303);
    for (const id of [c.haarlem, c.velsen, c.zaanstad]) expect((await decisionsOf(id))[0]?.[0]).toBe('false_positive');
  });

  it("is a 404 from another district's ad, a 400 without a cluster, a 403 without CSRF", async () => {
    const c = await cluster();
    expect((await coordinator.post(`/advertenties/${c.zaanstad}/clusterbesluit`, { besluit: 'no_action', bevestigd: 'ja', aantal: '2' })).statusCode).toBe(404);
    const single = await seed.ad({ place: PLACES.haarlem });
    expect((await coordinator.post(`/advertenties/${single}/clusterbesluit`, { besluit: 'no_action' })).statusCode).toBe(400);
    expect((await coordinator.post(`/advertenties/${c.haarlem}/clusterbesluit`, { besluit: 'no_action', bevestigd: 'ja', aantal: '2' }, { csrf: false })).statusCode).toBe(403);
    for (const id of [c.haarlem, c.velsen, c.zaanstad]) expect(await decisionsOf(id)).toEqual([]);
  });
});
