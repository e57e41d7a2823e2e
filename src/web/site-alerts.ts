/**
 * The "site possibly broken" alert in the layout. A site whose latest crawl was `suspect` or
 * `failing` is missing ads, so whoever works from the ads should know: admins (who can act on it,
 * with a link to /beheer/sites) and coordinators (whose work queue may lack that site's new ads).
 * Analysts' figures come with their own period and are not alerted. The crawl processor also logs
 * a warning for each such run.
 */
import { listSiteHealth, type Db, type SiteHealth } from '../store/index.js';
import { html, type SafeHtml } from './html.js';
import { formatDateTime, isoDateTime, SITE_HEALTH_LABELS_NL } from './labels.js';
import { roleMay, type SessionUser } from './policy.js';

export type SiteAlert = Pick<SiteHealth, 'site' | 'status' | 'reason' | 'since' | 'runsInStatus'>;

/** Whether `user` sees site alerts: those who work from the ads (the work queue's roles). */
export function seesSiteAlerts(user: SessionUser | null): user is SessionUser {
  return user !== null && roleMay(user.role, 'queue:view');
}

/** The unhealthy sites, for the banner of `user`'s pages; none for users who do not see alerts. */
export async function loadSiteAlerts(db: Db, user: SessionUser | null): Promise<SiteAlert[]> {
  if (!seesSiteAlerts(user)) return [];
  return (await listSiteHealth(db)).filter((h) => h.status !== 'healthy');
}

/** The banner (nothing when all sites are healthy). Admins get the reasons and a link. */
export function siteAlertBanner(alerts: readonly SiteAlert[], user: SessionUser | null): SafeHtml {
  if (alerts.length === 0 || !user) return html``;
  const admin = roleMay(user.role, 'operations:view');
  const item = (a: SiteAlert) => html`<li><strong>${a.site}</strong>: ${SITE_HEALTH_LABELS_NL[a.status] ?? a.status}
    sinds <time datetime="${isoDateTime(a.since)}">${formatDateTime(a.since)}</time>${a.runsInStatus > 1 ? ` (${a.runsInStatus} crawls op rij)` : ''}${admin && a.reason ? html` — <span lang="en">${a.reason}</span>` : ''}</li>`;
  return html`<section class="site-alert" aria-labelledby="h-site-alert">
    <h2 id="h-site-alert">Let op: ${alerts.length === 1 ? 'een site is' : `${alerts.length} sites zijn`} mogelijk kapot</h2>
    <ul>${alerts.map(item)}</ul>
    <p>${admin
      ? html`De laatste crawl vond veel minder advertenties dan gewoonlijk, of faalde; er zijn geen advertenties als verdwenen gemarkeerd. <a href="/beheer/sites">Sitegezondheid</a>`
      : 'Nieuwe advertenties van deze site(s) kunnen in de werkvoorraad ontbreken; beheer ziet deze melding ook.'}</p>
  </section>`;
}
