import type { Messages } from '../types';

/** en · dashboard: exactly the keys of `zh-CN/dashboard.ts`. */
const dashboard: Messages<'dashboard'> = {
  welcome: 'Hello, {{name}}',
  intro: 'Welcome to the Demonstration Creation Platform. Start from the menu or a shortcut below.',
  account: 'Account',
  roleTitle: 'Role',
  scope: 'Scope',
  scopeAll: 'Everything (working committee)',
  shortcuts: 'Shortcuts',
  shortcut: {
    organizations: {
      title: 'Organisations',
      desc: 'Maintain the party-organisation tree',
    },
    import: {
      title: 'Import organisations',
      desc: 'Fill in the template, check it, import at once',
    },
    venues: {
      title: 'Venues',
      desc: 'Register party-member education venues',
    },
    accounts: {
      title: 'Accounts',
      desc: 'Open accounts, assign roles, reset passwords',
    },
    audit: {
      title: 'Audit log',
      desc: 'Search and export every recorded action',
    },
    password: {
      title: 'Change password',
      desc: 'Change your password regularly',
    },
  },
  securityTitle: 'Security',
  securityText:
    'Keep your password to yourself and never lend your account; log out when you leave the computer. Every action is recorded in the audit log.',
};

export default dashboard;
