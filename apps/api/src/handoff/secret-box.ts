import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '@groundswell/core';

/**
 * Hand-off secrets (an Open311 api_key, a webhook's signing secret) are stored encrypted with
 * AES-256-GCM under HANDOFF_SECRET_KEY, so a copy of the database alone does not give them
 * away: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function sealSecret(key: Buffer | null, plain: string): string {
  if (!key) throw new DomainError('conflict', 'Set HANDOFF_SECRET_KEY on the server before storing a secret for a target', [{ field: 'body.secret', message: 'No key to encrypt it with' }]);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(key: Buffer | null, sealed: string | null): string | null {
  if (!sealed) return null;
  if (!key) throw new Error('HANDOFF_SECRET_KEY is not set: the secrets of hand-off targets cannot be read');
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('A hand-off secret is not in a known format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
