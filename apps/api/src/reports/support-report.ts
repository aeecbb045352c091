import { createHash } from 'node:crypto';
import { DomainError, limitWindow, SUPPORT_LIMIT } from '@groundswell/core';
import { addSupport } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * "This affects me too", once per device, and at most `SUPPORT_LIMIT.perAddressPerReport`
 * devices per network address, report and day: the device id is the client's choice, the
 * address is not. Beyond the cap the answer is the same as for a device that already
 * supported (`added: false`, the count unchanged), so a household's fourth phone is told
 * its support is counted and a script learns nothing. `address` is the client address
 * (http/client.ts); without one (the CLI, imports) only the device counts.
 */
export async function supportReport(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  input: { id: string; deviceId: string; address?: string | undefined },
): Promise<{ supportCount: number; added: boolean }> {
  const now = deps.clock.now();
  // Only a hash of the device id is kept: it counts supports, it does not track people.
  const key = sha256(`device:${input.deviceId}`);
  // The address is hashed with the report, so the bucket neither holds the address nor links one report's supporters to another's.
  const limit = input.address
    ? { bucket: `support:${sha256(`support:${input.id}:${input.address}`)}`, windowStart: limitWindow(now, SUPPORT_LIMIT.windowSeconds).start, max: SUPPORT_LIMIT.perAddressPerReport }
    : undefined;
  const result = await addSupport(deps.database, input.id, key, now, limit);
  if (result.outcome === 'not_found') throw new DomainError('not_found', `There is no public report ${input.id}`);
  if (result.outcome === 'closed') throw new DomainError('conflict', 'This report is already closed; please make a new report if the problem is back');
  return { supportCount: result.supportCount, added: result.outcome === 'added' };
}
