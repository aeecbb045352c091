import type { PublicReportProperties } from '@groundswell/core/rules';
import { stateLabel } from '../i18n/index.ts';

/** The report's state in words; colour only repeats what the words say. */
export function StateBadge(props: { properties: Pick<PublicReportProperties, 'state' | 'status'> }) {
  return (
    <span class="state-badge" data-status={props.properties.status} data-state={props.properties.state}>
      {stateLabel(props.properties.state)}
    </span>
  );
}
