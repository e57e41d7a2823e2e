/**
 * Analysts' exports (issue 7): trends and movements of numbers between municipalities, counted
 * from the store, small counts suppressed, no personal data. A pure core (aggregate-*, suppress)
 * behind two entry points the CLI and the web app share; columns in docs/data-dictionary.md.
 */
export { exportTrends, exportMovements, parsePeriod, type TrendRequest, type MovementRequest } from './export-data.js';
export { aggregateTrends, type TrendQuery } from './aggregate-trends.js';
export { aggregateMovements, movementColumns, type MovementLevel, type MovementQuery } from './aggregate-movements.js';
export { suppressCells, type SuppressibleCell } from './suppress.js';
export { createPhoneHasher, MIN_EXPORT_KEY_LENGTH, type PhoneHasher } from './keyed-hash.js';
export { renderExport, EXPORT_FORMATS, EXPORT_CONTENT_TYPES, type ExportFormat } from './render-export.js';
export { auditExport, type ExportActor } from './audit-export.js';
export {
  analystCharts,
  type AnalystCharts,
  type AnalystChartsRequest,
  type ChartValue,
  type DistrictTrend,
  type MovementMatrix,
  type MunicipalityBar,
} from './analyst-charts.js';
export {
  TREND_DIMENSIONS,
  TREND_MEASURES,
  DIMENSION_COLUMNS,
  SUPPRESSION_THRESHOLD,
  parseDimensions,
  ExportRequestError,
  trendColumns,
  type TrendDimension,
  type TrendMeasure,
  type TrendEvent,
  type ExportTable,
  type ExportColumn,
  type CellValue,
  type SuppressionFlag,
} from './trend-model.js';
