/**
 * The route table: every page of the app with its access rule. test/web/access.test.ts walks
 * it and proves each rule for every role, so a new page is covered the moment it is listed here.
 *
 * To add pages: write `export const queueRoutes = [get('/werkvoorraad', allowedTo('queue:view'),
 * async (ctx) => ctx.page(…))]` in its own file and spread it into ROUTES.
 */
import { authRoutes } from './auth.js';
import { auditRoutes } from './admin-audit.js';
import { adminRoutes } from './admin-users.js';
import { crawlRoutes } from './admin-crawls.js';
import { siteRoutes } from './admin-sites.js';
import { analysisRoutes } from './analysis.js';
import { overviewRoutes } from './overview.js';
import { queueRoutes } from './queue.js';
import { adRoutes } from './ad.js';
import { reviewRoutes } from './review.js';
import type { AccessRule, Method, PageRoute } from './route.js';

export const ROUTES: readonly PageRoute[] = [
  ...authRoutes,
  ...adminRoutes,
  ...auditRoutes,
  ...overviewRoutes,
  ...analysisRoutes,
  ...crawlRoutes,
  ...siteRoutes,
  ...queueRoutes,
  ...adRoutes,
  ...reviewRoutes,
];

/**
 * Pages planned but not served yet, with the rule they are planned with; when one is built it
 * moves into ROUTES with that rule (test/web/access.test.ts checks it). Empty: every page of
 * issue 6 is served.
 */
export const RESERVED_ROUTES: ReadonlyArray<{ method: Method; url: string; access: AccessRule; what: string }> = [];
