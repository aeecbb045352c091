import { createResource, createSignal, For, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../Console.tsx';
import { categoryName, ct, problemText } from '../i18n/index.ts';
import { createSubmit, Field } from '../ui.tsx';

/** Routing rules: which team gets new reports of an area and category. */
export function RulesPage(props: { ctx: ConsoleContext }) {
  const [rules, { refetch }] = createResource(() => staffApi.rules().then((r) => r.rules));
  const [areas] = createResource(() => staffApi.areas().then((r) => r.areas).catch(() => []), { initialValue: [] });
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
      <Show when={!rules.error} fallback={<p class="c-alert c-alert-error" role="alert">{`${ct().admin.failed} ${problemText(rules.error)}`}</p>}>
        <Show when={rules()} fallback={<p role="status">{ct().admin.loading}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct().admin.rules.none}</p>}>
              <div class="c-table-wrap c-table-scroll" tabindex="0" role="region" aria-labelledby="c-rules-title">
                <table class="c-table">
                  <thead>
                    <tr>
                      <th scope="col">{ct().admin.rules.area}</th>
                      <th scope="col">{ct().admin.rules.category}</th>
                      <th scope="col">{ct().admin.rules.team}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(r) => (
                        <tr>
                          <td>{areaName(r.area)}</td>
                          <td>{r.category ? categoryName(props.ctx.categories, r.category) : ct().admin.rules.anyCategory}</td>
                          <td>{teamName(r.team)}</td>
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
      <form
        class="c-card c-admin-form"
        novalidate
        aria-labelledby="c-rule-add-title"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 id="c-rule-add-title">{ct().admin.rules.add}</h3>
        <Show when={submit.error()}>
          <p class="c-alert c-alert-error" role="alert">
            {submit.error()}
          </p>
        </Show>
        <div role="status">
          <Show when={added()}>
            <p class="c-alert c-alert-ok">{ct().admin.rules.added}</p>
          </Show>
        </div>
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
        <button type="submit" class="c-btn c-btn-primary" disabled={submit.busy()}>
          {submit.busy() ? ct().actions.sending : ct().admin.rules.submit}
        </button>
      </form>
    </section>
  );
}
