import { createRoute } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { z } from 'zod';
import { SubscriptionInputSchema } from '@groundswell/core';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { confirmFollow, follow, stopFollowing } from './follow.ts';

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
  summary: "Stop the emails: RFC 8058 one-click unsubscribe, and the page's button",
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
    .openapi(create, async (c) => c.json(await follow(c.get('deps'), c.req.valid('json')), 202))
    .openapi(confirm, async (c) => {
      await confirmFollow(c.get('deps'), c.req.valid('query').token);
      return c.html(page('You are following it', 'Thank you. We will email you when there is news. Every email has a link to stop them.'), 200);
    })
    .openapi(unsubscribePage, (c) => {
      const { token } = c.req.valid('query');
      const form = html`<form method="post" action="/api/subscriptions/unsubscribe?token=${token}"><button type="submit">Stop these emails</button></form>`;
      return c.html(page('Stop these emails?', 'One click and we will not email you about this again.', form), 200);
    })
    .openapi(unsubscribeNow, async (c) => {
      await stopFollowing(c.get('deps'), c.req.valid('query').token);
      return c.html(page('Done', 'You will not get these emails any more.'), 200);
    });
}
