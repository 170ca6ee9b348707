/**
 * What other modules use of results (they never import its internals): the incremental refresh the reviews,
 * peer and presentation modules call in the transaction that changes a review or a rating; an application's
 * stage results (the decisions module shows an applicant its own).
 */
export {
  refreshApplication,
  refreshStageResult,
  refreshTotals,
  countedReviews,
  stageResultsOf,
} from './refresh';
