import type { ConsoleContext } from '../context.ts';
import { lt } from '../listening/i18n/index.ts';
import { GazetteerImport } from './GazetteerImport.tsx';
import { KeywordRules } from './KeywordRules.tsx';
import { ListeningSources } from './ListeningSources.tsx';

/** `#/staff/admin/listening`: the listening inbox's set-up (issue 13): sources, keyword rules, place names. */
export function ListeningAdmin(props: { ctx: ConsoleContext }) {
  return (
    <div class="l-admin">
      <p class="c-hint">{lt().admin.intro}</p>
      <ListeningSources />
      <KeywordRules ctx={props.ctx} />
      <GazetteerImport />
    </div>
  );
}
