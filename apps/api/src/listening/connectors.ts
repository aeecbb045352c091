import type { MentionSourceKind } from '@groundswell/core';
import type { Logger } from 'pino';
import type { Connector } from './connector.ts';
import { createBlueskyConnector } from './bluesky.ts';
import { createEmailConnector } from './email.ts';
import { createFeedConnector } from './feed.ts';
import { createMastodonConnector } from './mastodon.ts';
import { createSmsConnector } from './sms.ts';

/** What every connector may use from outside; tests pass their own fetch. */
export interface ConnectorDeps {
  fetch: typeof fetch;
  logger: Logger;
  now(): Date;
  /** The site's public address (links in replies, a User-Agent that says who polls). */
  publicUrl: string;
}

/**
 * How a source of one kind is built from its stored configuration: `config` is the
 * non-secret part (a feed URL, a server, a hashtag), `secrets` the decrypted credentials.
 */
export type ConnectorFactory = (config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps) => Connector;

export interface ConnectorKind {
  create: ConnectorFactory;
  /** The credential fields an admin may set; the API says only which are set, never their values. */
  secretFields: readonly string[];
  /** Whether the kind is read by polling (a pg-boss job per source) rather than pushed to a webhook. */
  polled: boolean;
}

/**
 * The registry: one line per kind. A new connector (email, Mastodon, Bluesky, one day X or
 * Facebook) adds its line here and nothing else changes.
 */
export const CONNECTORS: Partial<Record<MentionSourceKind, ConnectorKind>> = {
  feed: { create: createFeedConnector, secretFields: [], polled: true },
  sms: { create: createSmsConnector, secretFields: ['authToken', 'password', 'webhookSecret'], polled: false },
  email: { create: createEmailConnector, secretFields: ['password', 'smtpPassword'], polled: true },
  mastodon: { create: createMastodonConnector, secretFields: ['accessToken'], polled: true },
  bluesky: { create: createBlueskyConnector, secretFields: ['appPassword'], polled: true },
};

export function connectorKind(kind: MentionSourceKind): ConnectorKind | undefined {
  return CONNECTORS[kind];
}

export function createConnector(kind: MentionSourceKind, config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const entry = CONNECTORS[kind];
  if (!entry) throw new Error(`No connector for ${kind}`);
  return entry.create(config, secrets, deps);
}
