import { createResource, createSignal, For, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import { ct, formatDate, problemText } from '../i18n/index.ts';
import { Field } from '../ui.tsx';
import type { AuditEntry } from '../types.ts';

function summary(e: AuditEntry): string {
  const p = e.payload ?? {};
  const parts = Object.entries(p)
    .filter(([k, v]) => k !== 'original' && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  const text = parts.join('; ');
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/** Every staff action, newest first, by person and dates. */
export function AuditPage() {
  const [users] = createResource(() => staffApi.users().then((r) => r.users).catch(() => []), { initialValue: [] });
  const [staff, setStaff] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [query, setQuery] = createSignal(new URLSearchParams());
  const [entries] = createResource(query, (q) => staffApi.audit(q).then((r) => r.entries));

  const apply = () => {
    const q = new URLSearchParams();
    if (staff()) q.set('staff', staff());
    if (from()) q.set('from', from());
    if (to()) q.set('to', to());
    setQuery(q);
  };

  return (
    <section aria-labelledby="c-audit-title">
      <h2 id="c-audit-title">{ct().admin.audit.heading}</h2>
      <form
        class="c-audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Field id="c-audit-staff" label={ct().admin.audit.staff}>
          <select id="c-audit-staff" class="c-select" value={staff()} onChange={(e) => setStaff(e.currentTarget.value)}>
            <option value="">{ct().admin.audit.everyone}</option>
            <For each={users()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
          </select>
        </Field>
        <Field id="c-audit-from" label={ct().admin.audit.from}>
          <input id="c-audit-from" class="c-input" type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </Field>
        <Field id="c-audit-to" label={ct().admin.audit.to}>
          <input id="c-audit-to" class="c-input" type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="c-btn c-btn-primary">
          {ct().admin.audit.apply}
        </button>
      </form>
      <Show when={!entries.error} fallback={<p class="c-alert c-alert-error" role="alert">{`${ct().admin.failed} ${problemText(entries.error)}`}</p>}>
        <Show when={entries.latest} fallback={<p role="status">{ct().admin.loading}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct().admin.audit.none}</p>}>
              <div class="c-table-wrap c-table-scroll" tabindex="0" role="region" aria-labelledby="c-audit-title">
                <table class="c-table c-audit">
                  <thead>
                    <tr>
                      <th scope="col">{ct().admin.audit.when}</th>
                      <th scope="col">{ct().admin.audit.who}</th>
                      <th scope="col">{ct().admin.audit.action}</th>
                      <th scope="col">{ct().admin.audit.target}</th>
                      <th scope="col">{ct().admin.audit.details}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(e) => (
                        <tr>
                          <td>
                            <time datetime={e.atIso}>{formatDate(e.atIso, true)}</time>
                          </td>
                          <td>{e.staffName ?? ct().admin.audit.unknown}</td>
                          <td>
                            <code>{e.action}</code>
                          </td>
                          <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
                          <td class="c-audit-details">{summary(e)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
