import type { Messages } from './types';
import type applicationsZh from './applications.zh-CN';

/** English strings of the applicant and unit pages: exactly the keys of `applications.zh-CN.ts`. */
const applicationsEn: Messages<typeof applicationsZh> = {
  myTitle: 'My applications',
  recommendTitle: 'Recommendation',
  cultivationTitle: 'Cultivation pool',
  inboxTitle: 'Messages',
};

export default applicationsEn;
