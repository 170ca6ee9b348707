import type { Messages } from '../types';

/** en · auth: exactly the keys of `zh-CN/auth.ts`. */
const auth: Messages<'auth'> = {
  login: {
    title: 'Log in',
    subtitle: 'Use the account an administrator opened for you',
    username: 'Username',
    usernameRequired: 'Enter your username',
    password: 'Password',
    passwordRequired: 'Enter your password',
    submit: 'Log in',
    failed: 'Wrong username or password, or the account is locked',
    hint: 'At your first login use the one-time password from your administrator; you will set your own right away. Too many wrong passwords lock the account for a while.',
  },
  password: {
    title: 'Change password',
    forcedHint: 'To keep your account safe, set a new password before you continue.',
    expiredHint:
      'Your password is older than the change period allows: set a new one to continue. It must differ from your last 5 passwords.',
    hint: 'The new password applies at once; your sessions on other devices end. It must differ from your last 5 passwords.',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm the new password',
    submit: 'Change password',
    mismatch: 'The two new passwords differ',
    policyNotMet: 'The new password does not meet the rules below',
    changed: 'Your password has been changed',
    rule: {
      length: 'At least {{min}} characters',
      classes: 'At least three of: upper-case, lower-case, digits, symbols',
      username: 'No 4 characters in a row of the username',
      common:
        'Not a common password, no guessable word (the committee, the platform, the city, your organisation)',
      match: 'Both entries match',
    },
  },
};

export default auth;
