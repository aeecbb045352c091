import { createSignal, For, Show } from 'solid-js';
import { type SubjectData, staffApi } from '../api.ts';
import { ct, format, formatDate } from '../i18n/index.ts';
import { described, Field, createSubmit } from '../ui.tsx';

/**
 * A resident's rights (subject access and erasure): find everything held about an email
 * address or phone number, download it as a file for the reply, and erase it after a clear
 * confirmation. The API audits each search and erasure, without the identifier.
 */
export function ResidentDataPage() {
  const [typed, setTyped] = createSignal('');
  const [searched, setSearched] = createSignal<string>();
  const [data, setData] = createSignal<SubjectData>();
  const [erased, setErased] = createSignal<string>();
  const submit = createSubmit();
  const m = () => ct().admin.residentData;

  async function find() {
    setErased(undefined);
    const subject = typed().trim();
    if (!subject) return submit.fail(m().missing, 'subject');
    const found = await submit.run(() => staffApi.subjectData(subject));
    if (found) {
      setData(found);
      setSearched(subject);
    }
  }
  async function erase() {
    const subject = searched();
    if (!subject || !window.confirm(format(m().eraseConfirm, { subject }))) return;
    const result = await submit.run(() => staffApi.eraseSubject(subject));
    if (result) {
      setErased(format(m().erased, { reports: result.reports, follows: result.follows }));
      setData(await staffApi.subjectData(subject));
    }
  }
  const error = () => submit.fields().subject ?? submit.fields()['query.subject'] ?? submit.fields()['body.subject'];

  return (
    <section aria-labelledby="c-data-title">
      <h2 id="c-data-title">{m().heading}</h2>
      <p class="c-hint">{m().intro}</p>
      <form
        class="c-audit-filters"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field id="c-data-subject" label={m().subject} error={error()}>
          <input
            id="c-data-subject"
            class="c-input"
            type="text"
            autocomplete="off"
            spellcheck={false}
            aria-invalid={!!error()}
            aria-describedby={described('c-data-subject', false, error())}
            value={typed()}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="c-btn c-btn-primary" disabled={submit.busy()}>
          {m().find}
        </button>
      </form>
      <Show when={submit.error() && !error()}>
        <p class="c-alert c-alert-error" role="alert">
          {submit.error()}
        </p>
      </Show>
      <Show when={erased()}>
        <p class="c-alert c-alert-ok" role="status">
          {erased()}
        </p>
      </Show>
      <Show when={data()}>
        {(d) => (
          <div class="c-subject" role="region" aria-label={m().results}>
            <p role="status">{format(m().found, { reports: d().reports.length, follows: d().follows.length })}</p>
            <Show when={d().reports.length}>
              <table class="c-table">
                <caption>{m().reports}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m().report}</th>
                    <th scope="col">{m().made}</th>
                    <th scope="col">{m().contact}</th>
                    <th scope="col">{m().description}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().reports}>
                    {(r) => (
                      <tr>
                        <td>
                          <a href={`#/staff?sel=${encodeURIComponent(r.id)}`}>{r.id}</a>
                        </td>
                        <td>{formatDate(r.createdAt)}</td>
                        <td>{[r.name, r.email, r.phone].filter(Boolean).join(', ')}</td>
                        <td>{r.description}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={d().follows.length}>
              <table class="c-table">
                <caption>{m().follows}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m().following}</th>
                    <th scope="col">{m().since}</th>
                    <th scope="col">{m().ended}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().follows}>
                    {(f) => (
                      <tr>
                        <td>{f.target ?? m().drawnArea}</td>
                        <td>{formatDate(f.createdAt)}</td>
                        <td>{f.endedAt ? formatDate(f.endedAt) : '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <p class="c-actions-row">
              <a class="c-btn" href={`/api/staff/subject-access/export?subject=${encodeURIComponent(searched() ?? '')}`} download="">
                {m().download}
              </a>
              <Show when={d().reports.length || d().follows.length}>
                <button type="button" class="c-btn c-btn-danger" disabled={submit.busy()} onClick={() => void erase()}>
                  {m().erase}
                </button>
              </Show>
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
