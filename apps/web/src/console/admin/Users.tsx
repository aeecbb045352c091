import { createResource, createSignal, For, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../context.ts';
import { ct, format } from '../i18n/index.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import type { StaffUser } from '../types.ts';
import { AdminForm, AdminTable } from './scaffold.tsx';

type Role = 'officer' | 'admin';

/** The new-account form's state: its fields, the last account made, and sending it. */
export function createUserForm(onCreated: () => void) {
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('officer');
  const [teams, setTeams] = createSignal<string[]>([]);
  const [password, setPassword] = createSignal('');
  const [created, setCreated] = createSignal<string>();
  const submit = createSubmit();

  async function create() {
    setCreated(undefined);
    const res = await submit.run(() => staffApi.createUser({ email: email().trim(), name: name().trim(), role: role(), teams: teams(), password: password() }));
    if (res) {
      setCreated(email().trim());
      setEmail('');
      setName('');
      setPassword('');
      setTeams([]);
      onCreated();
    }
  }
  const toggleTeam = (code: string, on: boolean) => setTeams(on ? [...teams(), code] : teams().filter((x) => x !== code));
  return { email, setEmail, name, setName, role, setRole, teams, toggleTeam, password, setPassword, created, submit, create };
}

type UserForm = ReturnType<typeof createUserForm>;

function RoleAndTeams(props: { form: UserForm; ctx: ConsoleContext }) {
  const f = () => props.form.submit.fields();
  return (
    <>
      <fieldset class="c-fieldset">
        <legend class="c-label">{ct().admin.users.role}</legend>
        <div class="c-radios c-radios-inline">
          <For each={['officer', 'admin'] as const}>
            {(r) => (
              <span class="c-radio">
                <input type="radio" id={`c-user-role-${r}`} name="c-user-role" checked={props.form.role() === r} onChange={() => props.form.setRole(r)} />
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
                <input type="checkbox" id={`c-user-team-${t.code}`} checked={props.form.teams().includes(t.code)} onChange={(e) => props.form.toggleTeam(t.code, e.currentTarget.checked)} />
                <label for={`c-user-team-${t.code}`}>{t.name}</label>
              </span>
            )}
          </For>
        </div>
      </fieldset>
    </>
  );
}

function UserFormView(props: { form: UserForm; ctx: ConsoleContext }) {
  const form = props.form;
  const f = () => form.submit.fields();
  return (
    <AdminForm
      titleId="c-user-create-title"
      title={ct().admin.users.create}
      error={form.submit.error()}
      status={
        <Show when={form.created()}>
          <p class="c-alert c-alert-ok">{format(ct().admin.users.created, { email: form.created()! })}</p>
        </Show>
      }
      busy={form.submit.busy()}
      submitLabel={ct().admin.users.submit}
      onSubmit={() => void form.create()}
    >
      <div class="c-grid-2">
        <Field id="c-user-name" label={ct().admin.users.name} error={f().name}>
          <input
            id="c-user-name"
            class="c-input"
            type="text"
            autocomplete="off"
            aria-invalid={!!f().name}
            aria-describedby={described('c-user-name', false, f().name)}
            value={form.name()}
            onInput={(e) => form.setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="c-user-email" label={ct().admin.users.email} error={f().email}>
          <input
            id="c-user-email"
            class="c-input"
            type="email"
            autocomplete="off"
            aria-invalid={!!f().email}
            aria-describedby={described('c-user-email', false, f().email)}
            value={form.email()}
            onInput={(e) => form.setEmail(e.currentTarget.value)}
          />
        </Field>
      </div>
      <RoleAndTeams form={form} ctx={props.ctx} />
      <Field id="c-user-password" label={ct().admin.users.password} hint={ct().admin.users.passwordHint} error={f().password}>
        <input
          id="c-user-password"
          class="c-input"
          type="password"
          autocomplete="new-password"
          minLength={12}
          aria-invalid={!!f().password}
          aria-describedby={described('c-user-password', true, f().password)}
          value={form.password()}
          onInput={(e) => form.setPassword(e.currentTarget.value)}
        />
      </Field>
    </AdminForm>
  );
}

/**
 * "Send password reset": after a confirmation the account's password stops working, its
 * sessions end and the officer is emailed a link; the administrator never sees a password.
 */
export function createPasswordReset() {
  const [sent, setSent] = createSignal<string>();
  const submit = createSubmit();
  async function reset(user: StaffUser) {
    setSent(undefined);
    if (!window.confirm(format(ct().admin.users.resetConfirm, { name: user.name }))) return;
    if (await submit.run(() => staffApi.resetUserPassword(user.id))) setSent(format(ct().admin.users.resetSent, { name: user.name, email: user.email }));
  }
  return { sent, submit, reset };
}

/** "Reset the second factor": for an officer who lost the phone with the authenticator app (and the recovery codes). */
function createSecondFactorReset(onDone: () => void) {
  const [done, setDone] = createSignal<string>();
  const submit = createSubmit();
  async function reset(user: StaffUser) {
    setDone(undefined);
    if (!window.confirm(format(ct().security.resetUserConfirm, { name: user.name }))) return;
    const result = await submit.run(() => staffApi.resetSecondFactor(user.id));
    if (result) {
      setDone(format(ct().security.resetUserDone, { name: user.name, count: result.sessionsEnded }));
      onDone();
    }
  }
  return { done, submit, reset };
}

/** Staff accounts: who can sign in, their role and teams; and a form to add one. */
export function UsersPage(props: { ctx: ConsoleContext }) {
  const [users, { refetch }] = createResource(() => staffApi.users().then((r) => r.users));
  const form = createUserForm(() => void refetch());
  const passwordReset = createPasswordReset();
  const factorReset = createSecondFactorReset(() => void refetch());
  const teamNames = (ids: number[]) => ids.map((id) => props.ctx.teams.find((t) => t.id === id)?.name ?? String(id)).join(', ');
  const m = () => ct().admin.users;

  return (
    <section aria-labelledby="c-users-title">
      <h2 id="c-users-title">{m().heading}</h2>
      <Show when={passwordReset.sent()}>
        <p class="c-alert c-alert-ok" role="status">
          {passwordReset.sent()}
        </p>
      </Show>
      <Show when={factorReset.done()}>
        <p class="c-alert c-alert-ok" role="status">
          {factorReset.done()}
        </p>
      </Show>
      <Show when={factorReset.submit.error()}>
        <p class="c-alert c-alert-error" role="alert">
          {factorReset.submit.error()}
        </p>
      </Show>
      <Show when={passwordReset.submit.error()}>
        <p class="c-alert c-alert-error" role="alert">
          {passwordReset.submit.error()}
        </p>
      </Show>
      <AdminTable
        error={users.error}
        rows={users()}
        columns={[
          { label: m().name, cell: (u) => u.name },
          { label: m().email, cell: (u) => u.email },
          { label: m().role, cell: (u) => ct().app.roles[u.role] },
          { label: m().teams, cell: (u) => teamNames(u.teamIds) || m().none },
          { label: m().status, cell: (u) => (u.disabled ? m().disabled : m().active) },
          {
            label: m().passwordColumn,
            cell: (u) => (
              <Show when={!u.disabled && u.id !== props.ctx.me.id}>
                <button
                  type="button"
                  class="c-btn c-btn-small"
                  aria-label={format(m().sendResetTo, { name: u.name })}
                  disabled={passwordReset.submit.busy()}
                  onClick={() => void passwordReset.reset(u)}
                >
                  {m().sendReset}
                </button>
                <Show when={u.secondFactor}>
                  <button type="button" class="c-btn c-btn-small" disabled={factorReset.submit.busy()} onClick={() => void factorReset.reset(u)}>
                    {format(ct().security.resetUser, { name: u.name })}
                  </button>
                </Show>
              </Show>
            ),
          },
        ]}
      />
      <UserFormView form={form} ctx={props.ctx} />
    </section>
  );
}
