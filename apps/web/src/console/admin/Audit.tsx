import { createResource, createSignal, For } from 'solid-js';
import { staffApi } from '../api.ts';
import { ct, formatDate } from '../i18n/index.ts';
import { Field } from '../ui.tsx';
import { AdminTable } from './scaffold.tsx';
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
  const [users] = createResource(
    () =>
      staffApi
        .users()
        .then((r) => r.users)
        .catch(() => []),
    { initialValue: [] },
  );
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
        {/* The download follows the filters last shown, so the file matches the table. */}
        <a class="c-btn" href={`/api/staff/audit.csv${query().size ? `?${query()}` : ''}`} download="">
          {ct().admin.audit.download}
        </a>
      </form>
      <AdminTable
        error={entries.error}
        rows={entries.latest}
        none={ct().admin.audit.none}
        labelledBy="c-audit-title"
        class="c-audit"
        columns={[
          { label: ct().admin.audit.when, cell: (e) => <time datetime={e.atIso}>{formatDate(e.atIso, true)}</time> },
          { label: ct().admin.audit.who, cell: (e) => e.staffName ?? ct().admin.audit.unknown },
          { label: ct().admin.audit.action, cell: (e) => <code>{e.action}</code> },
          { label: ct().admin.audit.target, cell: (e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—') },
          { label: ct().admin.audit.details, cell: (e) => summary(e), class: 'c-audit-details' },
        ]}
      />
    </section>
  );
}
