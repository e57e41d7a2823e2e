import { ROLE_LABELS_NL } from './labels.js';
import { CSRF_FIELD } from './auth/csrf.js';
import { html, type SafeHtml } from './html.js';
import { roleMay, type PolicyAction, type SessionUser } from './policy.js';
import { siteAlertBanner, type SiteAlert } from './site-alerts.js';

export interface PageOptions {
  title: string;
  main: SafeHtml;
  /** Signed-in user: shows the navigation of their role and the logout button. */
  user: SessionUser | null;
  /** The session's CSRF token, for the logout form. */
  csrfToken: string;
  /** The request path, to mark the current navigation item. */
  path: string;
  /** Sites possibly broken, shown as a banner above the page (src/web/site-alerts.ts). */
  alerts?: readonly SiteAlert[] | undefined;
}

interface NavItem {
  href: string;
  label: string;
  /** Shown to roles that may do this. */
  action: PolicyAction;
}

/** The main navigation; each item only for roles that may use it (the routes check again). */
const NAV: readonly NavItem[] = [
  { href: '/werkvoorraad', label: 'Werkvoorraad', action: 'queue:view' },
  { href: '/overzicht', label: 'Overzicht', action: 'overview:view' },
  { href: '/analyse', label: 'Analyse', action: 'export:aggregate' },
  { href: '/beheer', label: 'Beheer', action: 'users:manage' },
  { href: '/beheer/audit', label: 'Auditlog', action: 'audit:view' },
  { href: '/beheer/gebruikers', label: 'Gebruikers', action: 'users:manage' },
];

function isCurrent(href: string, path: string): boolean {
  return path === href || (href !== '/beheer' && path.startsWith(`${href}/`));
}

function navigation(user: SessionUser, csrfToken: string, path: string): SafeHtml {
  const items = NAV.filter((item) => roleMay(user.role, item.action));
  const who = user.district ? `${ROLE_LABELS_NL[user.role]}, ${user.district}` : ROLE_LABELS_NL[user.role];
  return html`<nav class="site-nav" aria-label="Hoofdmenu">
      <ul>${items.map((item) => html`<li><a href="${item.href}"${isCurrent(item.href, path) ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul>
    </nav>
    <div class="account">
      <span class="account-name">Ingelogd als <strong>${user.username}</strong> (${who})</span>
      <form method="post" action="/uitloggen" class="inline-form">
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
        <button type="submit" class="button-secondary">Uitloggen</button>
      </form>
    </div>`;
}

/**
 * The whole page around `main`: skip link, header with navigation, main landmark, footer.
 * No inline script or style anywhere (the CSP forbids both): one CSS file, one deferred script.
 */
export function renderPage(options: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${options.title} · Zicht</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/zicht.css">
  <script src="/static/zicht.js" defer></script>
</head>
<body>
  <a class="skip-link" href="#inhoud">Naar de inhoud</a>
  <header class="site-header">
    <a class="brand" href="/">Zicht <span class="brand-sub">toezicht online advertenties</span></a>
    ${options.user ? navigation(options.user, options.csrfToken, options.path) : ''}
  </header>
  <main id="inhoud" tabindex="-1">
    ${siteAlertBanner(options.alerts ?? [], options.user)}
    ${options.main}
  </main>
  <footer class="site-footer">
    <p>Zicht verwerkt bijzondere persoonsgegevens. Elke inlog en elke inzage wordt vastgelegd.</p>
  </footer>
</body>
</html>
`;
}
