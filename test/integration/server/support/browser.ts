/**
 * A small browser for driving sign-in with fetch: one cookie jar per origin (names only, no
 * path scoping: enough for two origins with distinct cookie names), redirects followed by hand
 * so every Set-Cookie along the way is kept, and the provider's login/consent forms submitted.
 */
export class TestBrowser {
  readonly jar = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let m = this.jar.get(origin);
    if (!m) this.jar.set(origin, (m = new Map()));
    return m;
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies(new URL(url).origin).get(name);
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.cookies(origin);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** GETs, following redirects, until a non-redirect answer; returns it with its URL. */
  async follow(url: string): Promise<{ res: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      await res.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the provider's form on `url`'s page (login or consent) and follows the result. */
  async submitForm(
    pageUrl: string,
    html: string,
    fields: Record<string, string>,
  ): Promise<{ res: Response; url: string }> {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 200)}`);
    const target = new URL(action.replace(/&amp;/g, '&'), pageUrl).href;
    const res = await this.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(pageUrl).origin },
      body: new URLSearchParams(fields).toString(),
    });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      return this.follow(new URL(location, target).href);
    }
    return { res, url: target };
  }

  /**
   * Signs in on the team server at `base` as `login` through the provider's pages; returns
   * the final answer of the team server (its "Signed in" page, or a refusal).
   */
  async signIn(base: string, login: string): Promise<{ res: Response; url: string }> {
    let step = await this.follow(new URL('/auth/login', base).href);
    for (let i = 0; i < 4 && !step.url.startsWith(base); i++) {
      const html = await step.res.text();
      const fields: Record<string, string> = html.includes('name="login"')
        ? { prompt: 'login', login, password: 'any' }
        : { prompt: 'consent' };
      step = await this.submitForm(step.url, html, fields);
    }
    return step;
  }
}
