import type { Logger } from '../log.js';
import type { ActiveSession, Db } from '../store/index.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { SessionConfig } from './auth/sessions.js';
import type { SiteAlert } from './site-alerts.js';

/** What the web app's routes share; built once by buildWebApp. */
export interface WebServices {
  db: Db;
  log: Logger;
  sessions: SessionConfig;
  throttle: LoginThrottle;
  /** Verified against when a username does not exist (equal timing). */
  dummyPasswordHash: string;
  /** The configured sites (for their schedules), or null when the site configs were not loaded. */
  sites: ConfiguredSites | null;
  /** ZICHT_SCHEDULE_TZ: the time zone of schedules without one of their own. */
  scheduleTz: string;
  /** ZICHT_EXPORT_KEY for the analysts' exports (unset: a random key per export). */
  exportKey: string | undefined;
}

/** The configured sites as the schedules need them: id and the `schedule` of the site config. */
export type ConfiguredSites = ReadonlyArray<{ id: string; schedule?: string | undefined }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The valid session of this request, set before any route runs; null when signed out. */
    session: ActiveSession | null;
    /** Sites possibly broken, for the layout's banner; loaded before a GET page route runs. */
    siteAlerts: SiteAlert[] | null;
  }
}
