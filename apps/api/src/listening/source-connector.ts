import type { SourceRow } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { Connector } from './connector.ts';
import { type ConnectorDeps, createConnector } from './connectors.ts';
import { openSecrets } from './secrets.ts';

/** A stored source's connector, its credentials opened only for the length of the call. */
export function connectorFor(deps: Pick<AppDeps, 'config' | 'logger' | 'clock'> & { fetch?: typeof fetch }, source: SourceRow): Connector {
  const connectorDeps: ConnectorDeps = { fetch: deps.fetch ?? fetch, logger: deps.logger, now: () => deps.clock.now(), publicUrl: deps.config.publicUrl };
  return createConnector(source.kind, source.config, openSecrets(deps.config.listening.secretKey, source.credentials), connectorDeps);
}
