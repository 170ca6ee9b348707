/**
 * What other modules may read of titles (the re-review rounds select, lock and move them): the row type,
 * the scope filter of the registry, and the transition by a person (transition.ts).
 */
export { titleScopeWhere, type TitleRow } from './repo';
export { lockTitle, titleRefused, transitionTitle, type TitleMove } from './transition';
