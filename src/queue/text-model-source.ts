import { TextModel, TextModelScorer, type ModelConfig } from '../classifier/model/index.js';
import type { Logger } from '../log.js';
import { activeRiskModelId, loadRiskModel, type Db } from '../store/index.js';

/** Where the risk step gets the text model in use: a scorer, or null when the signal is off. */
export interface TextModelSource {
  current(db: Db): Promise<TextModelScorer | null>;
}

/**
 * A worker's text model: the newest active stored model, checked with one small query per
 * batch and loaded only when it changed (`zicht model train` activated another). Null when the
 * config switches the model off or no model is active: then the step adds no `text_model` at all.
 * A stored model that cannot be restored is logged once and treated as none: ads keep being
 * scored by their indicators rather than failing their batches.
 */
export class ActiveTextModel implements TextModelSource {
  private cached: { id: string; scorer: TextModelScorer | null } | null = null;

  constructor(
    private readonly config: ModelConfig,
    private readonly log?: Pick<Logger, 'error'>,
  ) {}

  async current(db: Db): Promise<TextModelScorer | null> {
    if (!this.config.enabled) return null;
    const id = await activeRiskModelId(db);
    if (id === null) return null;
    if (this.cached?.id === id) return this.cached.scorer;
    const stored = await loadRiskModel(db, id);
    if (!stored) return null;
    let scorer: TextModelScorer | null = null;
    try {
      scorer = new TextModelScorer(TextModel.restore(stored.model), { id, trainedAt: stored.trainedAt.toISOString() }, this.config);
    } catch (error) {
      this.log?.error({ modelId: id, err: error instanceof Error ? error.message : String(error) }, 'stored text model unreadable: text_model signal off');
    }
    this.cached = { id, scorer };
    return scorer;
  }
}
