import { beforeAll, describe, expect, it } from 'vitest';

// The router reads the address when it loads; a page at the map stands in for it.
let router: typeof import('../../src/router.ts');
beforeAll(async () => {
  const g = globalThis as Record<string, unknown>;
  g.location ??= { hash: '' };
  router = await import('../../src/router.ts');
});

describe('the #/me routes', () => {
  it('reads the page and the sign-in link, keeping the token out of other routes', () => {
    expect(router.parseHash(router.ME_HREF)).toEqual({ name: 'me' });
    expect(router.parseHash('#/me/')).toEqual({ name: 'me' });
    expect(router.parseHash('#/me/sign-in?token=abc_DEF-123')).toEqual({ name: 'me', token: 'abc_DEF-123' });
    // A link cut short still opens the page, which then says the link did not work.
    expect(router.parseHash('#/me/sign-in?')).toEqual({ name: 'me', token: '' });
    expect(router.parseHash('#/me/elsewhere')).toEqual({ name: 'map' });
    expect(router.parseHash('#/mine')).toEqual({ name: 'mine' });
  });
});
