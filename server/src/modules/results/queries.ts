/**
 * What other modules use of results (they never import its internals): the incremental refresh the reviews,
 * peer and presentation modules call in the transaction that changes a review or a rating.
 */
export { refreshApplication, refreshStageResult, refreshTotals, countedReviews } from './refresh';
