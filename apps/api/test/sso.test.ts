/**
 * Staff single sign-on against a real OpenID provider (oidc-provider) started here: the
 * browser's part is played with fetch and a cookie jar through the provider's own login and
 * consent pages, and the app is the real server on a loopback port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableStaff, findStaffByEmail, listTeams } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startTestServer, type TestServer } from './server.ts';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.ts';

/** Cookies per origin, as a browser keeps them (paths aside: sending more is harmless here). */
class CookieBrowser {
  private jars = new Map<string, Map<string, string>>();

  private jar(url: string) {
    const origin = new URL(url).origin;
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    return this.jars.get(origin)!;
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar(url).get(name);
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.jar(url);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age=0$/i.test(a)) || attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, pair!.slice(eq + 1).trim());
    }
    return res;
  }
}

const location = (res: Response, base: string) => new URL(res.headers.get('location')!, base).href;

/**
 * From the console's button to the provider's redirect back: signs `login` in at the
 * provider's login page (or cancels there), consents, and returns the callback URL the
 * provider sent the browser to, without following it, so a test can follow it or replay it.
 */
async function throughProvider(browser: CookieBrowser, app: TestServer, login: string, opts: { next?: string; cancel?: boolean } = {}): Promise<string> {
  const start = await browser.request(`${app.url}/api/staff/sso/start${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`);
  expect(start.status).toBe(302);
  let url = location(start, app.url);
  expect(url).toContain('code_challenge_method=S256');
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(`${app.url}/`)) return url;
    const res = await browser.request(url);
    if (res.status === 302 || res.status === 303) {
      url = location(res, url);
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!, url).href;
    if (opts.cancel) {
      url = new URL(`${new URL(action).pathname}/abort`, url).href;
      continue;
    }
    const form: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' };
    const posted = await browser.request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    expect(posted.status).toBeGreaterThanOrEqual(300);
    url = location(posted, action);
  }
  throw new Error('The provider never sent the browser back');
}

async function teamCodes(server: TestServer, email: string): Promise<string[]> {
  const staff = await findStaffByEmail(server.database, email);
  const teams = await listTeams(server.database);
  return staff!.teamIds.map((id) => teams.find((t) => t.id === Number(id))!.code).sort();
}

describe('staff single sign-on over OpenID Connect', () => {
  let op: TestOidcProvider;
  let app: TestServer;

  beforeAll(async () => {
    op = await startOidcProvider({
      people: {
        'euan-sub': { email: 'drainage@council.example', email_verified: true, name: 'Euan Drainage', groups: ['gs-roads', 'unrelated'] },
        'morag-sub': { email: 'ADMIN@council.example', email_verified: true, name: 'Morag Admin', groups: ['gs-admins'] },
        'kasia-sub': { email: 'waste@council.example', email_verified: true, groups: [] },
        'iain-sub': { email: 'roads@council.example', email_verified: false, groups: [] },
        'stranger-sub': { email: 'stranger@council.example', email_verified: true, groups: ['gs-roads'] },
        // As Entra ID signs a work account in: no email_verified, but the tenant's domain verified.
        'entra-sub': { email: 'roads@council.example', xms_edov: true, name: 'Iain Roads', groups: [] },
      },
    });
    app = await startTestServer({
      demo: true,
      config: {
        sso: {
          issuer: op.issuer,
          clientId: op.clientId,
          clientSecret: op.clientSecret,
          displayName: 'Carse Council account',
          createStaff: 'off',
          groupsClaim: 'groups',
          groupMap: [
            { group: 'gs-roads', team: 'roads' },
            { group: 'gs-roads', team: 'no-such-team' },
            { group: 'gs-admins', role: 'admin' },
          ],
        },
      },
    });
    op.register(`${app.url}/api/staff/sso/callback`);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await op?.close();
  });

  it('signs an officer in, links their subject, maps their team from the groups claim, and lands on the page asked for', async () => {
    expect(await teamCodes(app, 'drainage@council.example')).toEqual(['flooding']);
    const browser = new CookieBrowser();
    const callback = await throughProvider(browser, app, 'euan-sub', { next: '#/staff?state=new' });
    expect(new URL(callback).pathname).toBe('/api/staff/sso/callback');
    const back = await browser.request(callback);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/#/staff?state=new');

    const me = await browser.request(`${app.url}/api/staff/me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { name: string; role: string };
    expect(body).toMatchObject({ name: 'Euan Drainage', role: 'officer' });
    // gs-roads → roads; the team the map names but the council lacks is left out; flooding was not in the claim.
    expect(await teamCodes(app, 'drainage@council.example')).toEqual(['roads']);
    const [identity] = await app.database.rows<{ issuer: string; subject: string }>(
      sql`select i.issuer, i.subject from staff_identities i join staff_users s on s.id = i.staff_id where s.email = 'drainage@council.example'`,
    );
    expect(identity).toEqual({ issuer: op.issuer, subject: 'euan-sub' });
    // The directory's change of teams is on the record, then the sign-in.
    const audit = await app.database.rows<{ action: string; payload: Record<string, unknown> }>(
      sql`select a.action, a.payload from audit_log a join staff_users s on s.id = a.staff_id where s.email = 'drainage@council.example' order by a.id desc limit 2`,
    );
    expect(audit.map((a) => a.action)).toEqual(['login_sso', 'staff_directory_groups']);
    expect(audit[1]?.payload).toEqual({ role: 'officer', teams: ['roads'], via: 'sso' });
  });

  it('finds the account by its subject next time, even after the directory changes the email address, and applies the groups again', async () => {
    op.people.set('euan-sub', { email: 'euan.new@council.example', email_verified: true, groups: [] });
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'euan-sub'));
    expect(back.headers.get('location')).toBe('/#/staff');
    expect((await browser.request(`${app.url}/api/staff/me`)).status).toBe(200);
    expect(await teamCodes(app, 'drainage@council.example')).toEqual([]);
  });

  it('gives the admin role from a group, matching the email whatever its case', async () => {
    const browser = new CookieBrowser();
    await browser.request(await throughProvider(browser, app, 'morag-sub'));
    const me = (await (await browser.request(`${app.url}/api/staff/me`)).json()) as { role: string };
    expect(me.role).toBe('admin');
  });

  it('refuses a callback with the wrong state, and a callback replayed', async () => {
    const browser = new CookieBrowser();
    const callback = await throughProvider(browser, app, 'kasia-sub');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const wrong = await browser.request(forged.href);
    expect(wrong.headers.get('location')).toBe('/#/staff/login?sso_error=failed');
    expect(browser.cookie(app.url, 'gs_session')).toBeUndefined();

    // A fresh attempt, used once; the same answer again (its cookie kept, as an attacker would) is refused.
    const again = new CookieBrowser();
    const good = await throughProvider(again, app, 'kasia-sub');
    const stateCookie = again.cookie(app.url, 'gs_sso_state')!;
    expect((await again.request(good)).headers.get('location')).toBe('/#/staff');
    const replay = await fetch(good, { redirect: 'manual', headers: { cookie: `gs_sso_state=${stateCookie}` } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/#/staff/login?sso_error=failed');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('gs_session='))).toBe(false);

    // A callback without the browser's state cookie (someone else's link) is refused too.
    const other = new CookieBrowser();
    const theirs = await throughProvider(other, app, 'kasia-sub');
    const stranger = await fetch(theirs, { redirect: 'manual' });
    expect(stranger.headers.get('location')).toBe('/#/staff/login?sso_error=failed');
  });

  it('refuses a disabled account', async () => {
    const staff = await findStaffByEmail(app.database, 'waste@council.example');
    await disableStaff(app.database, staff!.id, new Date());
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'kasia-sub'));
    expect(back.headers.get('location')).toBe('/#/staff/login?sso_error=disabled');
    expect(browser.cookie(app.url, 'gs_session')).toBeUndefined();
  });

  it('refuses someone without an account when accounts are not created, and an email the provider did not verify', async () => {
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'stranger-sub'));
    expect(back.headers.get('location')).toBe('/#/staff/login?sso_error=unknown');
    expect(await findStaffByEmail(app.database, 'stranger@council.example')).toBeUndefined();

    const another = new CookieBrowser();
    const unverified = await another.request(await throughProvider(another, app, 'iain-sub'));
    expect(unverified.headers.get('location')).toBe('/#/staff/login?sso_error=unverified');
  });

  it("takes Entra ID's xms_edov for a verified address when email_verified is absent", async () => {
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'entra-sub'));
    expect(back.headers.get('location')).toBe('/#/staff');
    const me = (await (await browser.request(`${app.url}/api/staff/me`)).json()) as { name: string };
    expect(me.name).toBe('Iain Roads');
  });

  it('comes back with "denied" when the person cancels at the provider', async () => {
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'euan-sub', { cancel: true }));
    expect(back.headers.get('location')).toBe('/#/staff/login?sso_error=denied');
  });

  it('sends the browser back only to a console page', async () => {
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'morag-sub', { next: 'https://evil.example/#/staff' }));
    expect(back.headers.get('location')).toBe('/#/staff');
  });

  it('tells the web app that single sign-on is on, and its name', async () => {
    const config = (await (await fetch(`${app.url}/api/config`)).json()) as { staffSignIn: unknown };
    expect(config.staffSignIn).toEqual({ sso: { displayName: 'Carse Council account' }, localPasswords: true });
  });
});

describe('single sign-on with accounts created and local passwords off', () => {
  let op: TestOidcProvider;
  let app: TestServer;

  beforeAll(async () => {
    op = await startOidcProvider({ people: { 'new-sub': { email: 'new.officer@council.example', email_verified: true, name: 'Nia Newcomer', groups: ['gs-waste'] } } });
    app = await startTestServer({
      demo: true,
      config: {
        localPasswords: false,
        sso: {
          issuer: op.issuer,
          clientId: op.clientId,
          clientSecret: op.clientSecret,
          displayName: 'Council account',
          createStaff: 'officer',
          groupsClaim: 'groups',
          groupMap: [{ group: 'gs-waste', team: 'waste' }],
        },
      },
    });
    op.register(`${app.url}/api/staff/sso/callback`);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await op?.close();
  });

  it('creates the account on a first sign-in, with the configured role and the mapped team, and no password', async () => {
    const browser = new CookieBrowser();
    const back = await browser.request(await throughProvider(browser, app, 'new-sub'));
    expect(back.headers.get('location')).toBe('/#/staff');
    const me = (await (await browser.request(`${app.url}/api/staff/me`)).json()) as { name: string; role: string };
    expect(me).toMatchObject({ name: 'Nia Newcomer', role: 'officer' });
    const staff = await findStaffByEmail(app.database, 'new.officer@council.example');
    expect(staff?.passwordHash).toBeNull();
    expect(await teamCodes(app, 'new.officer@council.example')).toEqual(['waste']);
  });

  it('refuses password sign-in and password reset with a problem that says why', async () => {
    const headers = { 'content-type': 'application/json', origin: app.url };
    const login = await fetch(`${app.url}/api/staff/login`, { method: 'POST', headers, body: JSON.stringify({ email: 'admin@council.example', password: 'groundswell-demo' }) });
    expect(login.status).toBe(403);
    expect(login.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await login.json()) as { code: string; detail: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('forbidden');
    expect(problem.detail).toMatch(/LOCAL_PASSWORDS=off.*Council account/);
    expect(problem.errors[0]?.field).toBe('body.password');

    const forgot = await fetch(`${app.url}/api/staff/password/forgot`, { method: 'POST', headers, body: JSON.stringify({ email: 'admin@council.example' }) });
    expect(forgot.status).toBe(403);
    expect(((await forgot.json()) as { detail: string }).detail).toMatch(/LOCAL_PASSWORDS=off/);

    // In the reader's language, as every problem.
    const polish = await fetch(`${app.url}/api/staff/login`, {
      method: 'POST',
      headers: { ...headers, 'accept-language': 'pl' },
      body: JSON.stringify({ email: 'admin@council.example', password: 'groundswell-demo' }),
    });
    expect(((await polish.json()) as { detail: string }).detail).toBe('Hasła są na tej stronie wyłączone (LOCAL_PASSWORDS=off). Zaloguj się, proszę, przez: Council account.');

    const config = (await (await fetch(`${app.url}/api/config`)).json()) as { staffSignIn: unknown };
    expect(config.staffSignIn).toEqual({ sso: { displayName: 'Council account' }, localPasswords: false });
  });
});

describe('single sign-on when the provider is down, or not set up', () => {
  it('comes back to the sign-in page with "unavailable", and answers 404 without OIDC_ISSUER', async () => {
    // Port 9 (discard) on loopback: nothing answers there, as with a provider that is down.
    const sso = { issuer: 'http://127.0.0.1:9', clientId: 'gs', clientSecret: 'secret', displayName: 'Council account', createStaff: 'off' as const, groupMap: [] };
    const down = await startTestServer({ config: { sso } });
    const plain = await startTestServer();
    try {
      const start = await fetch(`${down.url}/api/staff/sso/start`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toBe('/#/staff/login?sso_error=unavailable');
      expect(start.headers.getSetCookie().some((c) => c.startsWith('gs_sso_state='))).toBe(false);

      const none = await fetch(`${plain.url}/api/staff/sso/start`, { redirect: 'manual' });
      expect(none.status).toBe(404);
      expect(none.headers.get('content-type')).toContain('application/problem+json');
      expect(((await (await fetch(`${plain.url}/api/config`)).json()) as { staffSignIn: unknown }).staffSignIn).toEqual({ sso: null, localPasswords: true });
    } finally {
      await down.close();
      await plain.close();
    }
  });
});

describe('single sign-on settings', () => {
  const base = { OIDC_ISSUER: 'https://login.example.org/tenant/v2.0', OIDC_CLIENT_ID: 'gs', OIDC_CLIENT_SECRET: 's3cret' };

  it('reads every setting', () => {
    const c = loadConfig({
      ...base,
      OIDC_DISPLAY_NAME: 'Council account',
      OIDC_CREATE_STAFF: 'officer',
      OIDC_GROUPS_CLAIM: 'groups',
      OIDC_GROUP_MAP: 'a=team:roads,b=role:admin',
      LOCAL_PASSWORDS: 'off',
    });
    expect(c.sso).toEqual({
      issuer: base.OIDC_ISSUER,
      clientId: 'gs',
      clientSecret: 's3cret',
      displayName: 'Council account',
      createStaff: 'officer',
      groupsClaim: 'groups',
      groupMap: [
        { group: 'a', team: 'roads' },
        { group: 'b', role: 'admin' },
      ],
    });
    expect(c.localPasswords).toBe(false);
    expect(loadConfig({}).sso).toBeUndefined();
    expect(loadConfig({}).localPasswords).toBe(true);
  });

  it('stops start-up naming a wrong or missing value', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID: required[\s\S]*OIDC_CLIENT_SECRET: required/);
    expect(() => loadConfig({ ...base, OIDC_CREATE_STAFF: 'everyone' })).toThrow(/OIDC_CREATE_STAFF/);
    expect(() => loadConfig({ ...base, OIDC_GROUPS_CLAIM: 'groups', OIDC_GROUP_MAP: 'drainage' })).toThrow(/OIDC_GROUP_MAP: "drainage"/);
    expect(() => loadConfig({ ...base, OIDC_GROUP_MAP: 'a=team:roads' })).toThrow(/OIDC_GROUP_MAP: needs OIDC_GROUPS_CLAIM/);
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'off' })).toThrow(/LOCAL_PASSWORDS: off needs single sign-on/);
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'no' })).toThrow(/LOCAL_PASSWORDS/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'gs' })).toThrow(/OIDC_CLIENT_ID: is set but OIDC_ISSUER is not/);
  });
});
