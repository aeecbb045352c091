import { createResource, createSignal, For, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../context.ts';
import { categoryName, ct } from '../i18n/index.ts';
import { createSubmit, Field } from '../ui.tsx';
import { AdminForm, AdminTable } from './scaffold.tsx';

/** Routing rules: which team gets new reports of an area and category. */
export function RulesPage(props: { ctx: ConsoleContext }) {
  const [rules, { refetch }] = createResource(() => staffApi.rules().then((r) => r.rules));
  const [areas] = createResource(
    () =>
      staffApi
        .areas()
        .then((r) => r.areas)
        .catch(() => []),
    { initialValue: [] },
  );
  const [area, setArea] = createSignal('');
  const [category, setCategory] = createSignal('');
  const [team, setTeam] = createSignal('');
  const [added, setAdded] = createSignal(false);
  const submit = createSubmit();
  const areaName = (code: string | null) => (code ? (areas().find((a) => a.code === code)?.name ?? code) : ct().admin.rules.anyArea);
  const teamName = (code: string) => props.ctx.teams.find((t) => t.code === code)?.name ?? code;

  async function add() {
    setAdded(false);
    if (!team()) return submit.fail(ct().admin.rules.chooseTeam, 'team');
    const res = await submit.run(() => staffApi.addRule({ team: team(), ...(area() ? { area: area() } : {}), ...(category() ? { category: category() } : {}) }));
    if (res) {
      setAdded(true);
      void refetch();
    }
  }

  return (
    <section aria-labelledby="c-rules-title">
      <h2 id="c-rules-title">{ct().admin.rules.heading}</h2>
      <p class="c-hint">{ct().admin.rules.intro}</p>
      <AdminTable
        error={rules.error}
        rows={rules()}
        none={ct().admin.rules.none}
        labelledBy="c-rules-title"
        columns={[
          { label: ct().admin.rules.area, cell: (r) => areaName(r.area) },
          { label: ct().admin.rules.category, cell: (r) => (r.category ? categoryName(props.ctx.categories, r.category) : ct().admin.rules.anyCategory) },
          { label: ct().admin.rules.team, cell: (r) => teamName(r.team) },
        ]}
      />
      <AdminForm
        titleId="c-rule-add-title"
        title={ct().admin.rules.add}
        error={submit.error()}
        status={
          <Show when={added()}>
            <p class="c-alert c-alert-ok">{ct().admin.rules.added}</p>
          </Show>
        }
        busy={submit.busy()}
        submitLabel={ct().admin.rules.submit}
        onSubmit={() => void add()}
      >
        <div class="c-grid-3">
          <Field id="c-rule-area" label={ct().admin.rules.area}>
            <select id="c-rule-area" class="c-select" value={area()} onChange={(e) => setArea(e.currentTarget.value)}>
              <option value="">{ct().admin.rules.anyArea}</option>
              <For each={areas()}>{(a) => <option value={a.code}>{a.name}</option>}</For>
            </select>
          </Field>
          <Field id="c-rule-category" label={ct().admin.rules.category}>
            <select id="c-rule-category" class="c-select" value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">{ct().admin.rules.anyCategory}</option>
              <For each={props.ctx.categories}>{(c) => <option value={c.code}>{categoryName(props.ctx.categories, c.code)}</option>}</For>
            </select>
          </Field>
          <Field id="c-rule-team" label={ct().admin.rules.team} error={submit.fields().team}>
            <select id="c-rule-team" class="c-select" aria-invalid={!!submit.fields().team} value={team()} onChange={(e) => setTeam(e.currentTarget.value)}>
              <option value="">{ct().admin.rules.chooseTeam}</option>
              <For each={props.ctx.teams}>{(t) => <option value={t.code}>{t.name}</option>}</For>
            </select>
          </Field>
        </div>
      </AdminForm>
    </section>
  );
}
