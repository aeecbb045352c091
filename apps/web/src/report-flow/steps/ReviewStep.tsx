import { For, Show, type JSX } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../../api/types.ts';
import { categoryLabel, format, t } from '../../i18n/index.ts';
import { online } from '../../net.ts';
import { SmallMap } from '../../map/SmallMap.tsx';
import { answerRows } from '../../reports/answers.ts';
import { describeWhere } from '../../reports/where.ts';
import { flowHref, type FlowStep } from '../../router.ts';
import { draft } from '../draft.ts';
import { visibleAnswers } from '../validate.ts';

/** Step 8: everything at a glance, each part with a link back to change it; Send is below. */
export function ReviewStep(props: { category: Category; config: SiteConfig }) {
  const m = () => t().flow.review;
  const contact = () =>
    [draft.contact.name, draft.contact.email, draft.contact.phone]
      .map((v) => v.trim())
      .filter(Boolean)
      .join(', ');
  const answers = () => answerRows(props.category, visibleAnswers(props.category, draft.answers));

  const Row = (p: { label: string; step: FlowStep; children: JSX.Element }) => (
    <div class="review-row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
      <dd class="review-change">
        <a href={flowHref(p.step)}>
          {m().change}
          <span class="visually-hidden"> {p.label}</span>
        </a>
      </dd>
    </div>
  );

  return (
    <div class="step step-review">
      <p>{m().intro}</p>
      <dl class="review">
        <Row label={m().what} step="what">
          {categoryLabel(props.category, props.category.code)}
        </Row>
        <Row label={m().where} step="draw">
          <span id="review-where">{draft.geometry ? describeWhere(draft.geometry) : ''}</span>
          <Show when={draft.geometry}>{(geometry) => <SmallMap config={props.config} geometry={geometry()} colour={props.category.color} label={t().map.placeMap} describedBy="review-where" />}</Show>
        </Row>
        <Row label={m().description} step="details">
          <span class="description">{draft.description.trim()}</span>
        </Row>
        <Show when={answers().length > 0}>
          <Row label={m().answers} step="details">
            <ul class="review-answers">
              <For each={answers()}>
                {(a) => (
                  <li>
                    {/[?:]$/.test(a.label) ? a.label : `${a.label}:`} <strong>{a.value}</strong>
                  </li>
                )}
              </For>
            </ul>
          </Row>
        </Show>
        <Row label={m().photos} step="photos">
          <Show when={draft.photos.length > 0} fallback={m().noPhotos}>
            <ul class="review-photos">
              <For each={draft.photos}>
                {(p, i) => (
                  <li>
                    <img src={p.url} alt={format(t().flow.photos.alt, { n: i() + 1 })} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Row>
        <Row label={m().contact} step="contact">
          {contact() || m().noContact}
          <Show when={draft.contact.name.trim()}>
            <br />
            <span class="item-meta">{draft.showName ? m().nameShown : m().nameHidden}</span>
          </Show>
        </Row>
      </dl>
      <Show when={!online()}>
        <p class="callout">{m().offlineNote}</p>
      </Show>
    </div>
  );
}
