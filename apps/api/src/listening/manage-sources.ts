import { DomainError, type MentionSourceKind, type StaffActor } from '@groundswell/core';
import { deleteListeningSource, findListeningSource, insertListeningSource, listListeningSources, recordAudit, type SourceRow, updateListeningSource } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { deleteStoredFiles } from '../storage/storage.ts';
import { connectorKind } from './connectors.ts';
import { openSecrets, sealSecrets } from './secrets.ts';
import { connectorFor } from './source-connector.ts';

export interface SourceInput {
  kind: MentionSourceKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  credentials?: Record<string, string> | undefined;
  pollSeconds: number;
}

/** What an admin sees of a source: which credential fields are set, never their values. */
export function presentSource(config: { publicUrl: string }, s: SourceRow) {
  const provider = typeof s.config.provider === 'string' ? s.config.provider : null;
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    enabled: s.enabled,
    config: s.config,
    credentialsSet: s.credentialFields,
    pollSeconds: s.pollSeconds,
    lastPolledAt: s.lastPolledAt,
    lastError: s.lastError,
    nextPollAt: s.nextPollAt,
    webhookUrl: s.kind === 'sms' && provider ? `${config.publicUrl}/api/listening/sms/${s.id}/${provider}` : null,
  };
}

export async function listSources(deps: Pick<AppDeps, 'database' | 'config'>) {
  return (await listListeningSources(deps.database)).map((s) => presentSource(deps.config, s));
}

function checkKind(kind: MentionSourceKind, credentials: Record<string, string> | undefined) {
  const entry = connectorKind(kind);
  if (!entry) throw new DomainError('validation_failed', `There is no connector for ${kind} sources yet`, [{ field: 'kind', message: 'Not available' }]);
  const unknown = Object.keys(credentials ?? {}).filter((k) => !entry.secretFields.includes(k));
  if (unknown.length) {
    throw new DomainError('validation_failed', `Unknown credential fields: ${unknown.join(', ')}`, [{ field: 'credentials', message: `Allowed: ${entry.secretFields.join(', ') || 'none'}` }]);
  }
}

/** A connector that cannot be built from this configuration is refused now, not at its first poll. */
function checkBuilds(deps: AppDeps, row: SourceRow) {
  try {
    connectorFor(deps, row);
  } catch (err) {
    throw new DomainError('validation_failed', `This source cannot be used: ${(err as Error).message}`, [{ field: 'config', message: (err as Error).message }]);
  }
}

const sealed = (deps: AppDeps, secrets: Record<string, string>) => {
  const fields = Object.keys(secrets).filter((k) => secrets[k] !== '');
  const kept = Object.fromEntries(fields.map((k) => [k, secrets[k]!]));
  return { sealed: fields.length ? sealSecrets(deps.config.listening.secretKey, kept) : null, fields };
};

export async function createSource(deps: AppDeps, actor: StaffActor, input: SourceInput) {
  checkKind(input.kind, input.credentials);
  const credentials = sealed(deps, input.credentials ?? {});
  const probe: SourceRow = {
    id: 0,
    kind: input.kind,
    name: input.name,
    enabled: input.enabled,
    config: input.config,
    credentials: credentials.sealed,
    credentialFields: credentials.fields,
    state: {},
    pollSeconds: input.pollSeconds,
    lastPolledAt: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    nextPollAt: null,
  };
  checkBuilds(deps, probe);
  const id = await insertListeningSource(deps.database, { ...input, credentials }, deps.clock.now());
  await recordAudit(deps.database, {
    staffId: actor.id,
    action: 'listening_source_added',
    targetType: 'listening_source',
    targetId: String(id),
    payload: { kind: input.kind, name: input.name, credentialsSet: credentials.fields },
    at: deps.clock.now(),
  });
  return presentSource(deps.config, (await findListeningSource(deps.database, id))!);
}

/** Credentials given are replaced field by field (an empty string removes one); those not given are kept. */
export async function updateSource(deps: AppDeps, actor: StaffActor, id: number, input: SourceInput) {
  const existing = await findListeningSource(deps.database, id);
  if (!existing) throw new DomainError('not_found', `There is no listening source ${id}`);
  if (existing.kind !== input.kind) throw new DomainError('validation_failed', 'A source cannot change its kind; add a new one', [{ field: 'kind', message: `This source is ${existing.kind}` }]);
  checkKind(input.kind, input.credentials);
  const credentials = input.credentials ? sealed(deps, { ...openSecrets(deps.config.listening.secretKey, existing.credentials), ...input.credentials }) : undefined;
  checkBuilds(deps, { ...existing, config: input.config, ...(credentials ? { credentials: credentials.sealed, credentialFields: credentials.fields } : {}) });
  await updateListeningSource(deps.database, id, { name: input.name, enabled: input.enabled, config: input.config, pollSeconds: input.pollSeconds, credentials }, deps.clock.now());
  await recordAudit(deps.database, {
    staffId: actor.id,
    action: 'listening_source_changed',
    targetType: 'listening_source',
    targetId: String(id),
    payload: { name: input.name, enabled: input.enabled, credentialsChanged: Object.keys(input.credentials ?? {}) },
    at: deps.clock.now(),
  });
  return presentSource(deps.config, (await findListeningSource(deps.database, id))!);
}

export async function removeSource(deps: AppDeps, actor: StaffActor, id: number) {
  const { removed, photoKeys } = await deleteListeningSource(deps.database, id);
  if (!removed) throw new DomainError('not_found', `There is no listening source ${id}`);
  // Its mentions went with it; so do the photos they kept (a report made from one has its own copies).
  await deleteStoredFiles(deps, photoKeys, 'a mention photo');
  await recordAudit(deps.database, { staffId: actor.id, action: 'listening_source_removed', targetType: 'listening_source', targetId: String(id), at: deps.clock.now() });
  return { removed: true as const };
}
