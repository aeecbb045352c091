import { For, Match, onMount, Switch } from 'solid-js';
import type { ConsoleContext } from '../context.ts';
import { ct } from '../i18n/index.ts';
import { ADMIN_TABS, adminHref, view, type AdminTab } from '../route.ts';
import { ApiKeys } from './ApiKeys.tsx';
import { AreasPage } from './Areas.tsx';
import { AssetLayersPage } from './AssetLayers.tsx';
import { AuditPage } from './Audit.tsx';
import { HandoffPage } from './Handoff.tsx';
import { ListeningAdmin } from './ListeningAdmin.tsx';
import { ResidentDataPage } from './ResidentData.tsx';
import { RulesPage } from './Rules.tsx';
import { TeamsPage } from './Teams.tsx';
import { UsersPage } from './Users.tsx';

/** `#/staff/admin/<tab>`: administrators only (the API checks too). */
export default function Admin(props: { ctx: ConsoleContext }) {
  const tab = (): AdminTab => {
    const v = view();
    return v.name === 'admin' ? v.tab : 'users';
  };
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  return (
    <div class="c-page c-admin">
      <h1 ref={heading} tabindex="-1">
        {ct().admin.heading}
      </h1>
      <nav class="c-tabs" aria-label={ct().admin.heading}>
        <For each={ADMIN_TABS}>
          {(t) => (
            <a href={adminHref(t)} class="c-tab" aria-current={tab() === t ? 'page' : undefined}>
              {ct().admin.tabs[t]}
            </a>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={tab() === 'users'}>
          <UsersPage ctx={props.ctx} />
        </Match>
        <Match when={tab() === 'teams'}>
          <TeamsPage />
        </Match>
        <Match when={tab() === 'areas'}>
          <AreasPage />
        </Match>
        <Match when={tab() === 'rules'}>
          <RulesPage ctx={props.ctx} />
        </Match>
        <Match when={tab() === 'keys'}>
          <ApiKeys />
        </Match>
        <Match when={tab() === 'audit'}>
          <AuditPage />
        </Match>
        <Match when={tab() === 'data'}>
          <ResidentDataPage />
        </Match>
        <Match when={tab() === 'handoff'}>
          <HandoffPage ctx={props.ctx} />
        </Match>
        <Match when={tab() === 'assets'}>
          <AssetLayersPage ctx={props.ctx} />
        </Match>
        <Match when={tab() === 'listening'}>
          <ListeningAdmin ctx={props.ctx} />
        </Match>
      </Switch>
    </div>
  );
}
