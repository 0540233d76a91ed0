/** Plain pages for requests the web console refuses, so a person sees what to do. */
const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<style>body{font:15px system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1f2937}` +
  `code{background:#f1f5f9;padding:.1rem .3rem;border-radius:4px}</style></head><body><h1>${title}</h1>${body}</body></html>`;

export const unauthorizedPage = page(
  'This console link is not valid',
  '<p>The web console only opens from the one-time link it printed when it started, for example ' +
    '<code>http://127.0.0.1:PORT/?token=…</code>. A link works once; if it was already used, start the ' +
    'console again with <code>npm start</code> or <code>npx dsync-console web</code> and open the new link.</p>',
);

export const forbiddenHostPage = page(
  'Refused: unexpected host name',
  '<p>This request named a host other than the loopback address the console listens on. ' +
    'That is how DNS-rebinding attacks look, so it was refused. Open the console at the exact ' +
    '<code>http://127.0.0.1:PORT/</code> address it printed.</p>',
);

export const rendererMissingPage = page(
  'The console UI has not been built',
  '<p>Run <code>npm run build:renderer</code> (or <code>npm start</code>, which builds it) and reload.</p>',
);
