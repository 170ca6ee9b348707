/**
 * What other modules use of results (they never import its internals): the incremental refresh the reviews,
 * peer and presentation modules call in the transaction that changes a review or a rating; an application's
 * stage results (the decisions module shows an applicant its own); a closing stage's standardisation and
 * totals (the stages module, in the transaction that closes it).
 */
export {
  refreshApplication,
  refreshStageResult,
  refreshTotals,
  countedReviews,
  stageResultsOf,
} from './refresh';
export { settleClosedStage } from './recompute';
