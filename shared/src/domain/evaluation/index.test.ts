import { describe, expect, it } from 'vitest';
import * as evaluation from './index';

describe('the evaluation API', () => {
  it('exports the functions the services build on', () => {
    const names = Object.entries(evaluation)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .sort();
    expect(names).toEqual(
      [
        'aggregate',
        'applicationAgreement',
        'assignReviewers',
        'averageRanks',
        'bordaPoints',
        'buildSnapshot',
        'canonicalJson',
        'checkRatedTargets',
        'compareByTieRule',
        'compareIds',
        'compareRankings',
        'conflictKey',
        'conflictReason',
        'conflictSet',
        'consensusCheck',
        'derivedConflicts',
        'deviations',
        'drawGroups',
        'drawOrder',
        'evaluate',
        'finalScore',
        'gateOutcome',
        'icc1',
        'isSeed',
        'mayRate',
        'mean',
        'median',
        'moments',
        'peerScores',
        'populationSd',
        'propose',
        'proposeAll',
        'randomSource',
        'rankAll',
        'rankGroup',
        'rankingsToRatings',
        'ratableMembers',
        'recomputeFromSnapshot',
        'reciprocalFavours',
        'reviewerLeniency',
        'round2',
        'sample',
        'scoreKey',
        'settle',
        'shuffle',
        'snapshotDigest',
        'spearman',
        'spread',
        'stageIcc',
        'stageScore',
        'standardise',
        'topWithTies',
        'trimmedMean',
        'validateDecision',
        'verifySnapshot',
      ].sort(),
    );
  });
});
