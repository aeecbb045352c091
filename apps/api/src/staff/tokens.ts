import { createHash, randomBytes } from 'node:crypto';

/** Session ids and CSRF tokens: 256 random bits; only their sha256 is stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** How long a staff session lasts without signing in again. */
export const SESSION_HOURS = 12;
