import type { Messages } from './types';
import type campaignsZh from './campaigns.zh-CN';

/** English strings of the committee's campaign pages: exactly the keys of `campaigns.zh-CN.ts`. */
const campaignsEn: Messages<typeof campaignsZh> = {
  standardsTitle: 'Standards',
  campaignsTitle: 'Campaigns',
  intakeTitle: 'Intake',
};

export default campaignsEn;
