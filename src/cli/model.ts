import {
  loadModelConfig, storedTextModelOf, TEXT_MODEL_CODE, trainTextModel, wilsonInterval, type CvReport, type ModelConfig, type ReviewedAd, type TrainedTextModel,
} from '../classifier/model/index.js';
import { loadRiskConfig, type RiskConfig } from '../classifier/risk/index.js';
import {
  activeRiskModelId, indicatorConfirmationRates, listRiskModels, loadReviewedAdTexts, loadRiskModel, saveRiskModel, type Db, type ReviewedAdText,
  type RiskModelSummary,
} from '../store/index.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';
import {
  formatCounts, formatCvReport, formatIndicatorRates, formatModelLine, formatTopWords, SMALL_SAMPLE, type IndicatorRateRow,
} from './model-format.js';

/** Exit codes of `zicht model train` (docs/indicators.md, "Learning from reviews"). */
export const EXIT = { invalidConfig: 2, tooFewLabels: 3, notActivated: 4 } as const;

export interface ModelTrainOptions {
  minLabels?: number | undefined;
  dryRun?: boolean | undefined;
  json?: boolean | undefined;
}

/**
 * `zicht model train`: trains the text model on the reviewed ads' current decisions, prints the
 * cross-validation report and stores the model, active when its AUC clears `model.minAuc`.
 * Refuses (exit 3, nothing stored) below the label minimum; exit 4 when trained but not activated.
 */
export async function modelTrain(options: ModelTrainOptions): Promise<void> {
  const settings = settingsOrExit();
  const configs = configsOrExit();
  if (!configs) return;
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const reviewed = (await loadReviewedAdTexts(db)).map(reviewedAdOf);
    const outcome = trainTextModel(reviewed, configs.model, { minLabels: options.minLabels });
    const inUse = await activeRiskModelId(db);
    if (!outcome.trained) {
      const minimum = { minLabels: options.minLabels ?? configs.model.minLabels, minPerClass: configs.model.minPerClass };
      if (options.json) console.log(JSON.stringify({ trained: false, reason: outcome.reason, counts: outcome.counts, minimum }, null, 2));
      console.error(`Not enough reviewed ads to train the text model: ${outcome.reason}.`);
      console.error(inUse === null ? 'The text_model signal stays off.' : `Model ${inUse} stays in use.`);
      process.exitCode = EXIT.tooFewLabels;
      return;
    }
    const stored = options.dryRun ? null : await store(db, outcome);
    if (options.json) console.log(JSON.stringify(trainJson(outcome, stored, Boolean(options.dryRun)), null, 2));
    else console.log(describeTraining(outcome, stored, configs.model, inUse));
    if (!outcome.qualifies) process.exitCode = EXIT.notActivated;
  } finally {
    await db.close();
  }
}

function store(db: Db, trained: TrainedTextModel): Promise<RiskModelSummary> {
  return saveRiskModel(db, {
    trainedAt: trained.trainedAt,
    confirmed: trained.counts.confirmed,
    refuted: trained.counts.refuted,
    cvReport: trained.cv,
    model: storedTextModelOf(trained),
    active: trained.qualifies,
  });
}

function reviewedAdOf(ad: ReviewedAdText): ReviewedAd {
  return { adId: ad.adId, decision: ad.decision, clusterId: ad.clusterId, doc: { title: ad.title, text: ad.text, name: ad.name, exclude: ad.phoneSpans } };
}

function trainJson(t: TrainedTextModel, stored: RiskModelSummary | null, dryRun: boolean) {
  return {
    trained: true,
    dryRun,
    model: stored && { id: stored.id, active: stored.active, trainedAt: stored.trainedAt },
    qualifies: t.qualifies,
    minAuc: t.minAuc,
    counts: t.counts,
    vocabularySize: t.model.vocabularySize,
    cv: t.cv,
    topWords: t.topWords,
  };
}

function describeTraining(t: TrainedTextModel, stored: RiskModelSummary | null, config: ModelConfig, inUse: string | null): string {
  const auc = t.cv.model.auc ?? 0;
  const verdict = t.qualifies
    ? `cross-validated AUC ${auc.toFixed(3)} ≥ minAuc ${config.minAuc}`
    : `cross-validated AUC ${auc.toFixed(3)} is below minAuc ${config.minAuc} (config/indicators.json, model.minAuc)`;
  const signal = `the ads worker adds text_model (weight ${config.weight} × probability, from probability ${config.minProbability}) to each ad it assesses; stored ads get it when a crawl sees them again`;
  let outcome: string;
  if (stored === null) outcome = `Dry run: nothing stored. The model ${t.qualifies ? 'would be' : 'would not be'} activated: ${verdict}.`;
  else if (t.qualifies) outcome = `Stored as model ${stored.id}, active: ${verdict}. From the next batch ${signal}.`;
  else outcome = `Stored as model ${stored.id}, NOT active: ${verdict}. ${inUse === null ? 'The text_model signal stays off.' : `Model ${inUse} stays in use.`}`;
  if (!config.enabled) outcome += '\nNote: model.enabled is false in config/indicators.json: the workers use no text model.';
  return [
    `Text model (naive Bayes, natural, Dutch stems; ${t.model.vocabularySize} stems) trained on ${formatCounts(t.counts)}.`,
    formatCvReport(t.cv),
    formatTopWords(t.topWords),
    outcome,
  ].join('\n\n');
}

/** `zicht model report`: per-indicator confirmation rates, and the active model's cross-validation report. */
export async function modelReport(options: { json?: boolean | undefined }): Promise<void> {
  const settings = settingsOrExit();
  const configs = configsOrExit();
  if (!configs) return;
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const indicators = (await indicatorConfirmationRates(db)).map((r): IndicatorRateRow => ({
      ...r,
      interval: wilsonInterval(r.confirmed, r.confirmed + r.refuted),
      weight: weightOf(r.code, configs),
      smallSample: r.confirmed + r.refuted < SMALL_SAMPLE,
    }));
    const activeId = await activeRiskModelId(db);
    const active = activeId === null ? null : await loadRiskModel(db, activeId);
    const [latest] = await listRiskModels(db, { limit: 1 });
    if (options.json) {
      const summary = (m: RiskModelSummary | null | undefined) => (m ? { id: m.id, trainedAt: m.trainedAt, confirmed: m.confirmed, refuted: m.refuted, active: m.active } : null);
      console.log(JSON.stringify({ indicators, model: { enabled: configs.model.enabled, active: active && { ...summary(active), cv: active.cvReport }, latest: summary(latest) } }, null, 2));
      return;
    }
    console.log([formatIndicatorRates(indicators), describeModels(active, latest ?? null, configs.model)].join('\n\n'));
  } finally {
    await db.close();
  }
}

function describeModels(active: RiskModelSummary | null, latest: RiskModelSummary | null, config: ModelConfig): string {
  const lines: string[] = [];
  if (active === null) lines.push('No active text model: the text_model signal is off.');
  else lines.push(`Text model in use: ${formatModelLine(active)}.`, formatCvReport(active.cvReport as CvReport));
  if (latest && latest.id !== active?.id) lines.push(`Newest stored: ${formatModelLine(latest)} (its AUC did not clear model.minAuc ${config.minAuc}).`);
  if (!config.enabled) lines.push('model.enabled is false in config/indicators.json: the workers use no text model.');
  return lines.join('\n\n');
}

function weightOf(code: string, configs: { risk: RiskConfig; model: ModelConfig }): number | null {
  if (code === TEXT_MODEL_CODE) return configs.model.weight;
  const setting = (configs.risk.indicators as Record<string, { weight: number; enabled: boolean } | undefined>)[code];
  return setting?.enabled ? setting.weight : null;
}

/** Both parts of config/indicators.json, or null after printing every problem (exit 2). */
function configsOrExit(): { risk: RiskConfig; model: ModelConfig } | null {
  try {
    return { risk: loadRiskConfig(), model: loadModelConfig() };
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = EXIT.invalidConfig;
    return null;
  }
}
