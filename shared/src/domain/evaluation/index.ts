/**
 * The evaluation maths of a campaign (DESIGN §4, evaluation-maths.md): pure functions, plain data in
 * and out, no I/O. The evaluation and decision services load, call these, persist and audit.
 */
export * from './aggregate';
export * from './standardise';
export * from './peer';
export * from './agreement';
export * from './ranking';
export * from './evaluate';
export * from './decision';
export * from './snapshot';
export * from './draw';
export * from './conflicts';
export * from './assign';
export { scoreKey, settle, compareIds } from './util';
