import type { Messages } from '../types';

/** en · recommend: exactly the keys of `zh-CN/recommend.ts`. */
const recommend: Messages<'recommend'> = {
  pageTitle: 'Recommendation',
  deadline: 'Recommendation deadline: {{time}}',
  pastDeadline: 'The recommendation deadline has passed: no more recommendations or reordering',
  capUsed: 'Recommended {{n}} / cap {{cap}}',
  countOnly: 'Recommended {{n}}',
  pendingTitle: 'To check ({{n}})',
  nonePending: 'Nothing to check',
  submittedAt: 'Submitted',
  check: 'Check',
  recommend: 'Recommend',
  return: 'Return',
  recommendTitle: 'Recommend this application',
  returnTitle: 'Return this application',
  opinion: 'Unit’s opinion',
  rank: 'Rank',
  reason: 'Reason for returning',
  reasonHint: 'The applicant is told the reason: say what must change',
  rankedTitle: 'Recommended list (drag rows or use the arrows to reorder)',
  lockedHint: 'Accepted by the committee: keeps its rank and cannot move',
  rankCol: 'Rank',
  moveUp: 'Move up',
  moveDown: 'Move down',
  saveOrder: 'Save order',
  orderUnsaved: 'The new rank order is not saved and will be lost. To keep it, press Save order first.',
  orderSaved: 'Order saved',
};

export default recommend;
