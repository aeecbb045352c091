import { createResource, createSignal, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import { ct } from '../i18n/index.ts';
import type { Team } from '../types.ts';
import { createSubmit, Field } from '../ui.tsx';
import { AdminForm, AdminTable } from './scaffold.tsx';

/**
 * The council's teams: a code (routing rules and single sign-on name a team by it), a name in
 * English and in Polish (what the Polish console and the public timeline show), and the team's
 * shared mailbox. One form adds a team or, after "Edit", changes one; the code never changes.
 */
export function TeamsPage() {
  const [teams, { refetch }] = createResource(() => staffApi.teams().then((r) => r.teams));
  const [editing, setEditing] = createSignal<Team>();
  const [code, setCode] = createSignal('');
  const [name, setName] = createSignal('');
  const [polish, setPolish] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [saved, setSaved] = createSignal<string>();
  const submit = createSubmit();
  let nameInput!: HTMLInputElement;

  function edit(team: Team) {
    submit.clear();
    setSaved(undefined);
    setEditing(team);
    setCode(team.code);
    setName(team.name);
    setPolish(team.names.pl ?? '');
    setEmail(team.email ?? '');
    nameInput.focus();
  }

  function reset() {
    setEditing(undefined);
    setCode('');
    setName('');
    setPolish('');
    setEmail('');
  }

  async function save() {
    setSaved(undefined);
    const fields = { name: name().trim(), names: polish().trim() ? { pl: polish().trim() } : {}, email: email().trim() || null };
    const team = editing();
    const result = await submit.run(() => (team ? staffApi.updateTeam(team.id, fields) : staffApi.createTeam({ code: code().trim(), ...fields })));
    if (!result) return;
    setSaved(ct().admin.teams.saved.replace('{name}', result.name));
    reset();
    void refetch();
  }

  return (
    <section aria-labelledby="c-teams-title">
      <h2 id="c-teams-title">{ct().admin.teams.heading}</h2>
      <p class="c-hint">{ct().admin.teams.intro}</p>
      <AdminTable
        error={teams.error}
        rows={teams()}
        none={ct().admin.teams.none}
        labelledBy="c-teams-title"
        columns={[
          { label: ct().admin.teams.code, cell: (t) => <code>{t.code}</code> },
          { label: ct().admin.teams.name, cell: (t) => t.name },
          { label: ct().admin.teams.polishName, cell: (t) => <span lang="pl">{t.names.pl ?? '—'}</span> },
          { label: ct().admin.teams.email, cell: (t) => t.email ?? '—' },
          {
            label: ct().admin.teams.actions,
            cell: (t) => (
              <button type="button" class="c-btn" aria-label={ct().admin.teams.editTeam.replace('{name}', t.name)} onClick={() => edit(t)}>
                {ct().admin.teams.edit}
              </button>
            ),
          },
        ]}
      />
      <AdminForm
        titleId="c-team-form-title"
        title={editing() ? ct().admin.teams.editing.replace('{name}', editing()!.name) : ct().admin.teams.add}
        error={submit.error()}
        status={
          <Show when={saved()}>
            <p class="c-alert c-alert-ok">{saved()}</p>
          </Show>
        }
        busy={submit.busy()}
        submitLabel={editing() ? ct().admin.teams.submitEdit : ct().admin.teams.submitAdd}
        onSubmit={() => void save()}
      >
        <div class="c-grid-2">
          <Field id="c-team-code" label={ct().admin.teams.code} hint={ct().admin.teams.codeHint} error={submit.fields().code}>
            <input id="c-team-code" class="c-input" value={code()} disabled={!!editing()} aria-invalid={!!submit.fields().code} onInput={(e) => setCode(e.currentTarget.value)} autocomplete="off" />
          </Field>
          <Field id="c-team-name" label={ct().admin.teams.name} error={submit.fields().name}>
            <input ref={nameInput} id="c-team-name" class="c-input" value={name()} aria-invalid={!!submit.fields().name} onInput={(e) => setName(e.currentTarget.value)} autocomplete="off" />
          </Field>
          <Field id="c-team-name-pl" label={ct().admin.teams.polishName} error={submit.fields()['names.pl'] ?? submit.fields().names}>
            <input id="c-team-name-pl" class="c-input" lang="pl" value={polish()} onInput={(e) => setPolish(e.currentTarget.value)} autocomplete="off" />
          </Field>
          <Field id="c-team-email" label={ct().admin.teams.email} hint={ct().admin.teams.emailHint} error={submit.fields().email}>
            <input id="c-team-email" class="c-input" type="email" value={email()} aria-invalid={!!submit.fields().email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />
          </Field>
        </div>
        <Show when={editing()}>
          <button type="button" class="c-btn" onClick={reset}>
            {ct().admin.teams.cancel}
          </button>
        </Show>
      </AdminForm>
    </section>
  );
}
