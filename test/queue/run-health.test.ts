import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_HEALTH, judgeRun, type RunFacts } from '../../src/queue/index.js';

const healthy: RunFacts = { complete: true, pages: 100, pagesFailed: 0, adsSeen: 240, usualAds: 250 };

describe('judgeRun', () => {
  it('passes a complete run with about the usual number of ads, and a first run with any ads', () => {
    expect(judgeRun(healthy)).toEqual({ status: 'succeeded', reason: null });
    expect(judgeRun({ ...healthy, adsSeen: 125 })).toEqual({ status: 'succeeded', reason: null });
    expect(judgeRun({ ...healthy, adsSeen: 3, usualAds: null })).toEqual({ status: 'succeeded', reason: null });
    expect(judgeRun({ ...healthy, pagesFailed: 2 }).status).toBe('succeeded');
  });

  it('calls a run that fetched pages but found no ads suspect, even without history', () => {
    for (const usualAds of [null, 250]) {
      const verdict = judgeRun({ ...healthy, pages: 3, adsSeen: 0, usualAds });
      expect(verdict.status).toBe('suspect');
      expect(verdict.reason).toMatch(/no ads on 3 pages.*selectors/);
    }
  });

  it('calls a run with fewer ads than the configured share of usual suspect', () => {
    expect(judgeRun({ ...healthy, adsSeen: 124 })).toEqual({
      status: 'suspect',
      reason: '124 ads where 250 are usual (below 50%): the site\'s layout may have changed',
    });
    expect(judgeRun({ ...healthy, adsSeen: 124 }, { ...DEFAULT_RUN_HEALTH, minShareOfUsual: 0.4 }).status).toBe('succeeded');
    expect(judgeRun({ ...healthy, adsSeen: 200 }, { ...DEFAULT_RUN_HEALTH, minShareOfUsual: 0.9 }).status).toBe('suspect');
  });

  it('calls a run incomplete before judging its ads: batches missing, no pages, too many failed pages', () => {
    expect(judgeRun({ ...healthy, complete: false, adsSeen: 0 })).toMatchObject({ status: 'incomplete', reason: expect.stringMatching(/batch/) });
    expect(judgeRun({ ...healthy, pages: 0, adsSeen: 0 })).toMatchObject({ status: 'incomplete', reason: 'no page could be fetched' });
    expect(judgeRun({ ...healthy, pagesFailed: 3, adsSeen: 0 })).toEqual({
      status: 'incomplete',
      reason: '3 of 100 pages failed (3%; at most 2% allowed)',
    });
  });
});
