import type { Messages } from '../types';

/** en · accounts: exactly the keys of `zh-CN/accounts.ts`. */
const accounts: Messages<'accounts'> = {
  subtitle:
    'Open accounts and assign roles and scopes (separation of duties: the security administrator manages administrators)',
  create: 'New account',
  editTitle: 'Edit account: {{name}}',
  searchPlaceholder: 'Search by username or name',
  empty: 'No accounts',
  usernameHint: '3–64 letters, digits or . _ @ -; case is ignored; cannot be changed later',
  unitHint: 'A unit administrator manages this unit and everything under it',
  orgHint: 'A liaison acts for this organisation only',
  emailHint: 'Optional. When e-mail is set up, notifications are also sent here',
  emailInvalid: 'Not a valid e-mail address',
  enabledOnly: 'Enabled',
  disabledOnly: 'Disabled',
  otpTitle: 'One-time password',
  otp: 'One-time password',
  otpWarning:
    'This password is shown only once. Copy it and pass it on through a safe channel; it must be changed at the first login.',
  otpDone: 'I have noted it',
  reset: 'Reset password',
  resetTitle: 'Reset the password of “{{name}}”?',
  resetText:
    'A new one-time password is generated; the old one and every session of the account end at once.',
  fourEyes: {
    reset: 'Reset password (needs another administrator’s approval)',
    unlock: 'Unlock (needs another administrator’s approval)',
    enable: 'Enable (needs another administrator’s approval)',
    title: {
      account_unlock: 'Request an unlock of {{name}}',
      account_enable: 'Request that {{name}} be enabled again',
      second_factor_reset: 'Request a reset of the second factor of {{name}}',
      password_reset: 'Request a reset of the password of {{name}}',
      account_create: 'Request the administrator account {{name}}',
      role_grant: 'Request an administrator role for {{name}}',
    },
    needsApproval:
      'An administrator account: carried out only once another administrator of a different role approves',
    consequence: {
      account_create:
        'An administrator account is made only once another administrator of a different role approves; the one-time password is then shown once to the approver, who hands it over.',
      role_grant:
        'An administrator role (or a unit admin’s move to another unit) takes effect only once another administrator of a different role approves; then every login of {{name}} ends and the holder is told in the inbox.',
      account_unlock:
        'Once approved, the lock on {{name}} ends at once and the account can log in with its password.',
      account_enable: 'Once approved, {{name}} can log in again at once, with its administrator rights.',
      second_factor_reset:
        'Once approved, the authenticator and recovery codes of {{name}} stop working and every login ends; a new one is set up at the next login. The holder is told in the inbox.',
      password_reset:
        'Once approved, the password of {{name}} becomes a one-time password and the old one and every login end; the one-time password is shown once to the approver, who hands it over. The holder is told in the inbox.',
    },
    reason: 'Reason',
    reasonRequired: 'Give a reason',
    submit: 'Submit the request',
    submitted: 'Request submitted',
    submittedText:
      'Another administrator of a different role decides it on the Account security page; nothing changes before.',
    grantSubmit: 'Submit for another administrator’s approval',
    grantOtherFields:
      'A new name or e-mail is saved at once; the change of role or unit is submitted as a request and takes effect once approved.',
  },
  unlock: 'Unlock',
  unlockTitle: 'Unlock “{{name}}”?',
  unlockText: 'The account was locked after too many wrong passwords. Once unlocked it can log in again.',
  unlocked: 'Unlocked',
  disable: 'Disable',
  disableTitle: 'Disable the account “{{name}}”?',
  disableText: 'The account can no longer log in; its sessions end at once.',
  enable: 'Enable',
  enableTitle: 'Enable the account “{{name}}”?',
  enableText: 'The account can log in again.',
  disabled: 'Account disabled',
  enabled: 'Account enabled',
  status: {
    active: 'Active',
    disabled: 'Disabled',
    locked: 'Locked',
    mustChangePassword: 'Must change password',
  },
  field: {
    username: 'Username',
    displayName: 'Name',
    email: 'E-mail',
    role: 'Role',
    organization: 'Organisation',
    unit: 'Unit',
    status: 'Status',
    lastLoginAt: 'Last login',
    createdAt: 'Created',
  },
  stateFilter: { label: 'Sign-in state', locked: 'Locked', mustChange: 'Must change password' },
};

export default accounts;
