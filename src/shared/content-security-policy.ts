/**
 * The console's Content Security Policy, one for every host that serves the renderer: the
 * Electron shell's app:// protocol and the web console send it as a header, and the renderer's
 * index.html carries the same policy in a meta tag (without the directives a meta tag cannot
 * hold; a unit test keeps the two equal). Only our own scripts run; styles may be inline
 * because the component library injects its CSS variables at runtime.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_DIRECTIVES.join('; ');

/** Browsers ignore these in a <meta> policy; only a header can carry them. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];
