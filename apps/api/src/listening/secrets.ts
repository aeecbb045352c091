import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '@groundswell/core';

const VERSION = 'v1';

/**
 * Source credentials (app passwords, tokens, gateway keys) are stored sealed with AES-256-GCM
 * under LISTENING_SECRET_KEY: a leaked dump or backup does not leak the council's accounts,
 * and a tampered value fails to open rather than being used.
 */
export function sealSecrets(key: Buffer | null, secrets: Record<string, string>): string {
  if (!key) {
    throw new DomainError('validation_failed', 'Credentials cannot be stored until LISTENING_SECRET_KEY is set on the server', [{ field: 'credentials', message: 'Set LISTENING_SECRET_KEY first' }]);
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function openSecrets(key: Buffer | null, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  if (!key) throw new Error('LISTENING_SECRET_KEY is not set, so stored credentials cannot be read');
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('Stored credentials are in an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')) as Record<string, string>;
}

/**
 * Authors are counted in aggregates by a keyed hash, never by name: without the key a hash
 * cannot be matched to a handle by hashing guesses.
 */
export function authorHash(key: Buffer | string, author: string): string {
  return createHmac('sha256', key).update(`author:${author.trim().toLowerCase()}`).digest('hex');
}
