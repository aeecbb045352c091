import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_SEND_CONCURRENCY } from '@groundswell/core';
import { createMailer, pooled } from '../src/mail/mailer.ts';
import { startSmtpCatcher } from './dovecot.ts';

/** SMTP_URL: mail goes to a real SMTP server (the smtp-server library) over a pool of connections. */
const PASSWORD = 'p@ss:word/with?odd&chars';
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

beforeAll(async () => {
  smtp = await startSmtpCatcher({ council: PASSWORD });
});
afterAll(() => smtp?.close());

describe('the mailer over SMTP_URL', () => {
  it('delivers a burst of messages, authenticated, over at most MAIL_SEND_CONCURRENCY connections', async () => {
    const mailer = createMailer({
      smtpUrl: `smtp://council:${encodeURIComponent(PASSWORD)}@127.0.0.1:${smtp.port}`,
      dataDir: mkdtempSync(join(tmpdir(), 'gs-smtp-')),
      from: 'Groundswell <no-reply@council.example>',
    });
    try {
      const burst = Array.from({ length: 20 }, (_, i) => ({ to: `resident${i}@example.org`, subject: `Report ${i} received`, text: `Thank you for report ${i}.` }));
      await Promise.all(burst.map((m) => mailer.send(m)));
      expect(smtp.caught.map((c) => c.envelope.to[0]).sort()).toEqual(burst.map((m) => m.to).sort());
      expect(smtp.caught.every((c) => c.auth?.username === 'council' && c.envelope.from === 'no-reply@council.example')).toBe(true);
      expect(smtp.caught.find((c) => c.envelope.to[0] === 'resident7@example.org')?.parsed.subject).toBe('Report 7 received');
      // One connection per message would be 20.
      expect(smtp.connections()).toBeLessThanOrEqual(MAIL_SEND_CONCURRENCY);
    } finally {
      mailer.close?.();
    }
  });

  it('keeps an SMTP_URL that chooses its own pooling as it is', () => {
    expect(pooled('smtp://relay.council.example:25?pool=false')).toBe('smtp://relay.council.example:25?pool=false');
    expect(pooled('smtps://u:p%40ss@relay.council.example:465')).toBe(`smtps://u:p%40ss@relay.council.example:465?pool=true&maxConnections=${MAIL_SEND_CONCURRENCY}`);
  });
});
