/** Plain pages the team server shows around sign-in. */
const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const page = (title: string, body: string, head = ''): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}` +
  `<style>body{font:15px system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1f2937}` +
  `code{background:#f1f5f9;padding:.1rem .3rem;border-radius:4px}</style></head><body><h1>${escape(title)}</h1>${body}</body></html>`;

/** After the IdP's redirect: a same-site hop, so the SameSite=Strict session cookie is sent. */
export const continuePage = (to: string): string =>
  page(
    'Signed in',
    `<p><a href="${escape(to)}">Continue to the console</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${escape(to)}">`,
  );

export const signInFailedPage = (reason: string): string =>
  page('Sign-in did not complete', `<p>${escape(reason)}</p><p><a href="/auth/login">Sign in again</a></p>`);

export const noRolePage = (who: string): string =>
  page(
    'No access to this team server',
    `<p>You signed in as <code>${escape(who)}</code>, but no role on this server is mapped to your ` +
      'groups or e-mail address. Ask an admin of the server to add you (roles in its config file).</p>',
  );
