/**
 * What to do about a provider's well-known login refusals. The server's words are the
 * evidence (they stay in `pop3.text`); a hint turns them into the step that fixes it, which
 * the words themselves often do not say (Gmail's "Web login required" names no page to visit).
 * Matched on the text after `-ERR` and the response code, case-insensitively.
 */
export interface ProviderHint {
  /** Whose server answers this way. */
  provider: 'gmail' | 'outlook';
  /** A phrase of the server's own `-ERR` text. */
  match: RegExp;
  /** What the mailbox owner should do, for the problem's `detail`. */
  detail: string;
}

export const PROVIDER_HINTS: readonly ProviderHint[] = [
  {
    provider: 'gmail',
    // -ERR [AUTH] Application-specific password required: https://support.google.com/accounts/answer/185833
    match: /application-specific password required/i,
    detail:
      'Gmail does not take the account password here. Create an app password (it needs 2-Step Verification: https://myaccount.google.com/apppasswords) and use it as the password, or log in with OAuth2 (POP3_AUTH=xoauth2). pop3.text has Gmail\'s own words.',
  },
  {
    provider: 'gmail',
    // -ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754
    match: /web login required/i,
    detail:
      'Gmail wants this account signed in on the web before it lets a new client in. Sign in once at https://mail.google.com from a browser, allow the access at https://accounts.google.com/DisplayUnlockCaptcha, then retry; OAuth2 (POP3_AUTH=xoauth2) avoids this check. pop3.text has Gmail\'s own words.',
  },
  {
    provider: 'gmail',
    // -ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.
    match: /not enabled for POP access/i,
    detail:
      'POP is switched off for this Gmail account. Enable it in Gmail: Settings → See all settings → Forwarding and POP/IMAP → POP download, save, then retry. pop3.text has Gmail\'s own words.',
  },
  {
    provider: 'outlook',
    // -ERR Authentication failure: unknown user name or bad password.  (after AUTH XOAUTH2)
    match: /^Authentication failure: unknown user name or bad password/i,
    detail:
      'Microsoft refused the OAuth2 login. Check that the access token was issued for this mailbox with the scope https://outlook.office.com/POP.AccessAsUser.All (or, app-only, https://outlook.office365.com/.default with the app\'s service principal granted access to the mailbox), and that POP is enabled for the mailbox (Set-CASMailbox -PopEnabled $true). pop3.text has Microsoft\'s own words.',
  },
  {
    provider: 'outlook',
    // -ERR Logon failure: unknown user name or bad password.  (USER/PASS since basic authentication was switched off)
    match: /^Logon failure: unknown user name or bad password/i,
    detail:
      'Microsoft 365 no longer accepts a password over POP3 (basic authentication is switched off): log in with OAuth2 (POP3_AUTH=xoauth2). pop3.text has Microsoft\'s own words.',
  },
];

/** The hint for a `-ERR` text (after its response code), if a provider is known to answer with these words. */
export function providerHintFor(text: string): ProviderHint | undefined {
  return PROVIDER_HINTS.find((hint) => hint.match.test(text));
}
