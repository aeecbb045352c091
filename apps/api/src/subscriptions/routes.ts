import { createHash, randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { z } from 'zod';
import { DomainError, SubscriptionInputSchema } from '@groundswell/core';
import { confirmSubscription, insertSubscription, unsubscribe } from '@groundswell/db';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { confirmationMail } from './messages.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const TokenQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not complete; please copy the whole link from the email') });

const create = createRoute({
  method: 'post',
  path: '/api/subscriptions',
  tags: ['Subscriptions'],
  summary: 'Follow a report, a named area or a drawn area by email (double opt-in)',
  description: 'Nothing is sent but a confirmation email until the link in it is opened. The answer is the same whether or not the address already follows it.',
  request: { body: { content: { 'application/json': { schema: SubscriptionInputSchema } }, required: true } },
  responses: {
    202: { description: 'A confirmation email is on its way', content: { 'application/json': { schema: z.object({ status: z.literal('pending') }) } } },
    ...problemResponses,
    ...notFoundResponse,
  },
});

const confirm = createRoute({
  method: 'get',
  path: '/api/subscriptions/confirm',
  tags: ['Subscriptions'],
  summary: 'Confirm a subscription (the link in the confirmation email)',
  request: { query: TokenQuery },
  responses: { 200: { description: 'A short page saying it worked' }, ...problemResponses, ...notFoundResponse },
});

const unsubscribePage = createRoute({
  method: 'get',
  path: '/api/subscriptions/unsubscribe',
  tags: ['Subscriptions'],
  summary: 'A page with one button to stop the emails (link scanners do not unsubscribe anyone)',
  request: { query: TokenQuery },
  responses: { 200: { description: 'The page' }, ...problemResponses },
});

const unsubscribeNow = createRoute({
  method: 'post',
  path: '/api/subscriptions/unsubscribe',
  tags: ['Subscriptions'],
  summary: 'Stop the emails: RFC 8058 one-click unsubscribe, and the page\'s button',
  request: { query: TokenQuery },
  responses: { 200: { description: 'Unsubscribed' }, ...problemResponses, ...notFoundResponse },
});

const page = (title: string, body: string, extra = html``) =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}button{font:inherit;min-height:44px;padding:.5rem 1.25rem;background:#0b5c4a;color:#fff;border:0;border-radius:6px}a{color:#0b5c4a}</style>
</head><body><h1>${title}</h1><p>${body}</p>${extra}<p><a href="/">Back to the map</a></p></body></html>`;

export function subscriptionRoutes() {
  const router = createRouter();
  router.post('/api/subscriptions', rateLimit({ name: 'subscribe', limit: 20, windowSeconds: 3600 }));
  return router
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const { database, clock, jobs, config } = c.get('deps');
      const confirmToken = randomBytes(24).toString('base64url');
      const target = input.report ? { report: input.report } : input.area ? { area: input.area } : { geometry: input.geometry! };
      const created = await insertSubscription(database, {
        email: input.email,
        locale: input.locale,
        target,
        confirmTokenHash: sha256(confirmToken),
        unsubscribeToken: randomBytes(24).toString('base64url'),
        at: clock.now(),
      });
      if (!created) throw new DomainError('not_found', input.report ? `There is no public report ${input.report}` : `There is no area "${input.area}"`);
      const link = `${config.publicUrl}/api/subscriptions/confirm?token=${confirmToken}`;
      await jobs.sendMail(confirmationMail(input.email, input.locale, created.targetName, link));
      return c.json({ status: 'pending' as const }, 202);
    })
    .openapi(confirm, async (c) => {
      const { token } = c.req.valid('query');
      const { database, clock } = c.get('deps');
      if (!(await confirmSubscription(database, sha256(token), clock.now()))) throw new DomainError('not_found', 'This confirmation link is not valid any more');
      return c.html(page('You are following it', 'Thank you. We will email you when there is news. Every email has a link to stop them.'), 200);
    })
    .openapi(unsubscribePage, (c) => {
      const { token } = c.req.valid('query');
      const form = html`<form method="post" action="/api/subscriptions/unsubscribe?token=${token}"><button type="submit">Stop these emails</button></form>`;
      return c.html(page('Stop these emails?', 'One click and we will not email you about this again.', form), 200);
    })
    .openapi(unsubscribeNow, async (c) => {
      const { token } = c.req.valid('query');
      const { database, clock } = c.get('deps');
      if (!(await unsubscribe(database, token, clock.now()))) throw new DomainError('not_found', 'This link is not valid');
      return c.html(page('Done', 'You will not get these emails any more.'), 200);
    });
}
