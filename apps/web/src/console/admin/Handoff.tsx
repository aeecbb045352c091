import { createResource, createSignal, For, Show } from 'solid-js';
import type { HandoffTarget } from '@groundswell/core/schemas';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../context.ts';
import { categoryName, ct, formatDate } from '../i18n/index.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import { handoffApi, parseMapping, showMapping } from './handoff-api.ts';
import { ht } from './handoff-i18n.ts';
import { AdminForm, AdminTable } from './scaffold.tsx';

const METHODS = ['open311', 'email', 'webhook'] as const;

/** Hand-off to the council's systems: targets (secrets write-only), rules, and the sends with their dead letters. */
export function HandoffPage(props: { ctx: ConsoleContext }) {
  const [targets, { refetch: refetchTargets }] = createResource(() => handoffApi.targets().then((r) => r.targets));
  const [rules, { refetch: refetchRules }] = createResource(() => handoffApi.rules().then((r) => r.rules));
  const [areas] = createResource(
    () =>
      staffApi
        .areas()
        .then((r) => r.areas)
        .catch(() => []),
    { initialValue: [] },
  );
  const [sendState, setSendState] = createSignal('failed');
  const [sends, { refetch: refetchSends }] = createResource(sendState, (s) => handoffApi.sends(s).then((r) => r.sends));

  // The target form: new, or the one being edited.
  const [editing, setEditing] = createSignal<number | null>(null);
  const [name, setName] = createSignal('');
  const [method, setMethod] = createSignal<(typeof METHODS)[number]>('open311');
  const [where, setWhere] = createSignal('');
  const [jurisdiction, setJurisdiction] = createSignal('');
  const [secret, setSecret] = createSignal('');
  const [serviceCodes, setServiceCodes] = createSignal('');
  const [attributes, setAttributes] = createSignal('');
  const [statusMap, setStatusMap] = createSignal('');
  const [pollMinutes, setPollMinutes] = createSignal('5');
  const [active, setActive] = createSignal(true);
  const [saved, setSaved] = createSignal(false);
  const targetSubmit = createSubmit();

  function edit(t: HandoffTarget) {
    setEditing(t.id);
    setName(t.name);
    setMethod(t.method);
    setWhere(t.config.endpoint ?? t.config.url ?? t.config.email ?? '');
    setJurisdiction(t.config.jurisdictionId ?? '');
    setSecret('');
    setServiceCodes(showMapping(t.config.serviceCodes));
    setAttributes(showMapping(t.config.attributes));
    setStatusMap(showMapping(t.statusMap));
    setPollMinutes(String(t.config.pollMinutes ?? 5));
    setActive(t.active);
    setSaved(false);
    document.getElementById('c-handoff-name')?.focus();
  }

  async function saveTarget() {
    setSaved(false);
    const w = where().trim();
    const config =
      method() === 'open311'
        ? {
            ...(w ? { endpoint: w } : {}),
            ...(jurisdiction().trim() ? { jurisdictionId: jurisdiction().trim() } : {}),
            serviceCodes: parseMapping(serviceCodes()),
            attributes: parseMapping(attributes()),
            pollMinutes: Number(pollMinutes()) || 5,
          }
        : method() === 'webhook'
          ? w
            ? { url: w }
            : {}
          : w
            ? { email: w }
            : {};
    const body = { name: name().trim(), method: method(), config, statusMap: parseMapping(statusMap()) as Record<string, never>, active: active(), ...(secret() ? { secret: secret() } : {}) };
    const id = editing();
    const res = await targetSubmit.run(() => (id === null ? handoffApi.createTarget(body) : handoffApi.updateTarget(id, body)));
    if (res) {
      setSaved(true);
      setSecret('');
      setEditing(res.id);
      void refetchTargets();
    }
  }

  const [ruleCategory, setRuleCategory] = createSignal('');
  const [ruleArea, setRuleArea] = createSignal('');
  const [ruleTeam, setRuleTeam] = createSignal('');
  const [ruleTarget, setRuleTarget] = createSignal('');
  const ruleSubmit = createSubmit();
  async function addRule() {
    if (!ruleTarget()) return ruleSubmit.fail(ht().chooseTarget, 'targetId');
    const res = await ruleSubmit.run(() =>
      handoffApi.addRule({ category: ruleCategory(), targetId: Number(ruleTarget()), ...(ruleArea() ? { area: ruleArea() } : {}), ...(ruleTeam() ? { team: ruleTeam() } : {}) }),
    );
    if (res) void refetchRules();
  }
  const [resent, setResent] = createSignal(false);

  const text = (id: string, label: string, value: () => string, set: (v: string) => void, field: string, extra: { type?: string; hint?: string } = {}) => (
    <Field id={id} label={label} hint={extra.hint} error={targetSubmit.fields()[field]}>
      <input
        id={id}
        class="c-input"
        type={extra.type ?? 'text'}
        aria-invalid={!!targetSubmit.fields()[field]}
        aria-describedby={described(id, !!extra.hint, targetSubmit.fields()[field])}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </Field>
  );
  const area = (id: string, label: string, value: () => string, set: (v: string) => void) => (
    <Field id={id} label={label}>
      <textarea id={id} class="c-input" rows={3} value={value()} onInput={(e) => set(e.currentTarget.value)} />
    </Field>
  );

  return (
    <section aria-labelledby="c-handoff-title">
      <h2 id="c-handoff-title">{ct().admin.tabs.handoff}</h2>
      <p class="c-hint">{ht().intro}</p>

      <h3 id="c-handoff-targets">{ht().targets}</h3>
      <AdminTable
        error={targets.error}
        rows={targets()}
        none={ht().noTargets}
        labelledBy="c-handoff-targets"
        columns={[
          { label: ht().name, cell: (t) => t.name },
          { label: ht().method, cell: (t) => ht().methods[t.method] ?? t.method },
          { label: ht().where, cell: (t) => t.config.endpoint ?? t.config.url ?? t.config.email ?? '' },
          { label: ht().active, cell: (t) => (t.active ? '✓' : '—') },
          { label: ht().secret, cell: (t) => (t.hasSecret ? ht().secretStored : '—') },
          {
            label: '',
            cell: (t) => (
              <button type="button" class="c-btn" onClick={() => edit(t)}>
                {ht().edit} <span class="c-visually-hidden">{t.name}</span>
              </button>
            ),
          },
        ]}
      />
      <AdminForm
        titleId="c-handoff-form"
        title={editing() === null ? ht().newTarget : `${ht().edit}: ${name()}`}
        error={targetSubmit.error()}
        status={saved() ? ht().saved : ''}
        busy={targetSubmit.busy()}
        submitLabel={editing() === null ? ht().addTarget : ht().saveTarget}
        onSubmit={() => void saveTarget()}
      >
        {text('c-handoff-name', ht().name, name, setName, 'name')}
        <Field id="c-handoff-method" label={ht().method}>
          <select id="c-handoff-method" class="c-input" value={method()} onChange={(e) => setMethod(e.currentTarget.value as (typeof METHODS)[number])}>
            <For each={METHODS}>{(m) => <option value={m}>{ht().methods[m]}</option>}</For>
          </select>
        </Field>
        {method() === 'open311'
          ? text('c-handoff-where', ht().endpoint, where, setWhere, 'config.endpoint', { type: 'url' })
          : method() === 'webhook'
            ? text('c-handoff-where', ht().url, where, setWhere, 'config.url', { type: 'url' })
            : text('c-handoff-where', ht().email, where, setWhere, 'config.email', { type: 'email' })}
        <Show when={method() !== 'email'}>{text('c-handoff-secret', ht().secret, secret, setSecret, 'secret', { type: 'password', hint: ht().secretHint })}</Show>
        <Show when={method() === 'open311'}>
          {text('c-handoff-jurisdiction', ht().jurisdiction, jurisdiction, setJurisdiction, 'config.jurisdictionId')}
          {area('c-handoff-codes', ht().serviceCodes, serviceCodes, setServiceCodes)}
          {area('c-handoff-attributes', ht().attributes, attributes, setAttributes)}
          {text('c-handoff-poll', ht().pollMinutes, pollMinutes, setPollMinutes, 'config.pollMinutes', { type: 'number' })}
        </Show>
        <Show when={method() !== 'email'}>{area('c-handoff-status', ht().statusMap, statusMap, setStatusMap)}</Show>
        <Field id="c-handoff-active" label={ht().active}>
          <input id="c-handoff-active" type="checkbox" checked={active()} onChange={(e) => setActive(e.currentTarget.checked)} />
        </Field>
      </AdminForm>

      <h3 id="c-handoff-rules">{ht().rules}</h3>
      <p class="c-hint">{ht().rulesIntro}</p>
      <AdminTable
        error={rules.error}
        rows={rules()}
        none={ht().noRules}
        labelledBy="c-handoff-rules"
        columns={[
          { label: ht().category, cell: (r) => categoryName(props.ctx.categories, r.category) },
          { label: ht().area, cell: (r) => (r.area ? (areas().find((a) => a.code === r.area)?.name ?? r.area) : ht().any) },
          { label: ht().team, cell: (r) => (r.team ? (props.ctx.teams.find((t) => t.code === r.team)?.name ?? r.team) : ht().any) },
          { label: ht().target, cell: (r) => r.target },
          {
            label: '',
            cell: (r) => (
              <button type="button" class="c-btn" onClick={() => void handoffApi.removeRule(r.id).then(() => refetchRules())}>
                {ht().remove}
              </button>
            ),
          },
        ]}
      />
      <AdminForm error={ruleSubmit.error()} busy={ruleSubmit.busy()} submitLabel={ht().addRule} onSubmit={() => void addRule()}>
        <Field id="c-handoff-rule-category" label={ht().category} error={ruleSubmit.fields().category}>
          <select id="c-handoff-rule-category" class="c-input" value={ruleCategory()} onChange={(e) => setRuleCategory(e.currentTarget.value)}>
            <option value="" />
            <For each={props.ctx.categories}>{(c) => <option value={c.code}>{categoryName(props.ctx.categories, c.code)}</option>}</For>
          </select>
        </Field>
        <Field id="c-handoff-rule-area" label={ht().area}>
          <select id="c-handoff-rule-area" class="c-input" value={ruleArea()} onChange={(e) => setRuleArea(e.currentTarget.value)}>
            <option value="">{ht().any}</option>
            <For each={areas()}>{(a) => <option value={a.code}>{a.name}</option>}</For>
          </select>
        </Field>
        <Field id="c-handoff-rule-team" label={ht().team}>
          <select id="c-handoff-rule-team" class="c-input" value={ruleTeam()} onChange={(e) => setRuleTeam(e.currentTarget.value)}>
            <option value="">{ht().any}</option>
            <For each={props.ctx.teams}>{(t) => <option value={t.code}>{t.name}</option>}</For>
          </select>
        </Field>
        <Field id="c-handoff-rule-target" label={ht().target} error={ruleSubmit.fields().targetId}>
          <select id="c-handoff-rule-target" class="c-input" value={ruleTarget()} onChange={(e) => setRuleTarget(e.currentTarget.value)}>
            <option value="" />
            <For each={targets() ?? []}>{(t) => <option value={String(t.id)}>{t.name}</option>}</For>
          </select>
        </Field>
      </AdminForm>

      <h3 id="c-handoff-sends">{ht().sends}</h3>
      <Field id="c-handoff-send-state" label={ht().state}>
        <select id="c-handoff-send-state" class="c-input" value={sendState()} onChange={(e) => setSendState(e.currentTarget.value)}>
          <For each={['failed', 'pending', 'sent', '']}>{(s) => <option value={s}>{ht().states[s]}</option>}</For>
        </select>
      </Field>
      <div role="status">{resent() ? ht().resent : ''}</div>
      <AdminTable
        error={sends.error}
        rows={sends()}
        none={ht().noSends}
        labelledBy="c-handoff-sends"
        columns={[
          { label: ht().report, cell: (s) => <a href={`#/staff/reports/${encodeURIComponent(s.report)}`}>{s.report}</a> },
          { label: ht().target, cell: (s) => s.target },
          { label: ht().state, cell: (s) => ht().states[s.state] ?? s.state },
          { label: ht().tries, cell: (s) => String(s.attempts) },
          { label: ht().reference, cell: (s) => s.externalRef ?? '' },
          { label: ht().error, cell: (s) => s.lastError ?? '' },
          { label: ht().when, cell: (s) => formatDate(s.sentAt ?? s.updatedAt) },
          {
            label: '',
            cell: (s) => (
              <button
                type="button"
                class="c-btn"
                onClick={() =>
                  void handoffApi.resend(s.id).then(() => {
                    setResent(true);
                    void refetchSends();
                  })
                }
              >
                {ht().resend} <span class="c-visually-hidden">{s.report}</span>
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
