import { createResource, createSignal, For, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../Console.tsx';
import { ct, format, problemText } from '../i18n/index.ts';
import { createSubmit, described, Field } from '../ui.tsx';

/** Staff accounts: who can sign in, their role and teams; and a form to add one. */
export function UsersPage(props: { ctx: ConsoleContext }) {
  const [users, { refetch }] = createResource(() => staffApi.users().then((r) => r.users));
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<'officer' | 'admin'>('officer');
  const [teams, setTeams] = createSignal<string[]>([]);
  const [password, setPassword] = createSignal('');
  const [created, setCreated] = createSignal<string>();
  const submit = createSubmit();
  const teamNames = (ids: number[]) => ids.map((id) => props.ctx.teams.find((t) => t.id === id)?.name ?? String(id)).join(', ');

  async function create() {
    setCreated(undefined);
    const res = await submit.run(() => staffApi.createUser({ email: email().trim(), name: name().trim(), role: role(), teams: teams(), password: password() }));
    if (res) {
      setCreated(email().trim());
      setEmail('');
      setName('');
      setPassword('');
      setTeams([]);
      void refetch();
    }
  }
  const f = () => submit.fields();

  return (
    <section aria-labelledby="c-users-title">
      <h2 id="c-users-title">{ct().admin.users.heading}</h2>
      <Show when={!users.error} fallback={<p class="c-alert c-alert-error" role="alert">{`${ct().admin.failed} ${problemText(users.error)}`}</p>}>
        <Show when={users()} fallback={<p role="status">{ct().admin.loading}</p>}>
          <div class="c-table-wrap">
            <table class="c-table">
              <thead>
                <tr>
                  <th scope="col">{ct().admin.users.name}</th>
                  <th scope="col">{ct().admin.users.email}</th>
                  <th scope="col">{ct().admin.users.role}</th>
                  <th scope="col">{ct().admin.users.teams}</th>
                  <th scope="col">{ct().admin.users.status}</th>
                </tr>
              </thead>
              <tbody>
                <For each={users()}>
                  {(u) => (
                    <tr>
                      <td>{u.name}</td>
                      <td>{u.email}</td>
                      <td>{ct().app.roles[u.role]}</td>
                      <td>{teamNames(u.teamIds) || ct().admin.users.none}</td>
                      <td>{u.disabled ? ct().admin.users.disabled : ct().admin.users.active}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>

      <form
        class="c-card c-admin-form"
        novalidate
        aria-labelledby="c-user-create-title"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3 id="c-user-create-title">{ct().admin.users.create}</h3>
        <Show when={submit.error()}>
          <p class="c-alert c-alert-error" role="alert">
            {submit.error()}
          </p>
        </Show>
        <div role="status">
          <Show when={created()}>
            <p class="c-alert c-alert-ok">{format(ct().admin.users.created, { email: created()! })}</p>
          </Show>
        </div>
        <div class="c-grid-2">
          <Field id="c-user-name" label={ct().admin.users.name} error={f().name}>
            <input id="c-user-name" class="c-input" type="text" autocomplete="off" aria-invalid={!!f().name} aria-describedby={described('c-user-name', false, f().name)} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="c-user-email" label={ct().admin.users.email} error={f().email}>
            <input id="c-user-email" class="c-input" type="email" autocomplete="off" aria-invalid={!!f().email} aria-describedby={described('c-user-email', false, f().email)} value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          </Field>
        </div>
        <fieldset class="c-fieldset">
          <legend class="c-label">{ct().admin.users.role}</legend>
          <div class="c-radios c-radios-inline">
            <For each={['officer', 'admin'] as const}>
              {(r) => (
                <span class="c-radio">
                  <input type="radio" id={`c-user-role-${r}`} name="c-user-role" checked={role() === r} onChange={() => setRole(r)} />
                  <label for={`c-user-role-${r}`}>{ct().app.roles[r]}</label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
        <fieldset class="c-fieldset" classList={{ 'c-field-invalid': !!f().teams }}>
          <legend class="c-label">{ct().admin.users.teams}</legend>
          <Show when={f().teams}>
            <p class="c-field-error">{f().teams}</p>
          </Show>
          <div class="c-radios c-radios-inline">
            <For each={props.ctx.teams}>
              {(t) => (
                <span class="c-radio">
                  <input
                    type="checkbox"
                    id={`c-user-team-${t.code}`}
                    checked={teams().includes(t.code)}
                    onChange={(e) => setTeams(e.currentTarget.checked ? [...teams(), t.code] : teams().filter((x) => x !== t.code))}
                  />
                  <label for={`c-user-team-${t.code}`}>{t.name}</label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
        <Field id="c-user-password" label={ct().admin.users.password} hint={ct().admin.users.passwordHint} error={f().password}>
          <input
            id="c-user-password"
            class="c-input"
            type="password"
            autocomplete="new-password"
            minLength={12}
            aria-invalid={!!f().password}
            aria-describedby={described('c-user-password', true, f().password)}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="c-btn c-btn-primary" disabled={submit.busy()}>
          {submit.busy() ? ct().actions.sending : ct().admin.users.submit}
        </button>
      </form>
    </section>
  );
}
