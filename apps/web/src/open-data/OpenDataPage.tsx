/**
 * `#/open-data`: every public endpoint with its full address on this site, a Copy button
 * for each, and two lines on adding it in QGIS. Loaded lazily: few residents open it.
 */
import { createSignal, For, Show } from 'solid-js';
import { format } from '../i18n/index.ts';
import { INSIGHT_HREF } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { absoluteUrl, ENDPOINTS, type Endpoint, type EndpointAddress } from './endpoints.ts';
import { od } from './i18n/index.ts';
import './open-data.css';

/** Puts the text on the clipboard; false when the browser refuses (no permission, not a secure context). */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** One address: read-only (so it can be selected and copied by hand), its Copy button and, for a real URL, a link. */
function AddressField(props: { endpoint: Endpoint; address: EndpointAddress }) {
  const id = `od-${props.endpoint.id}-${props.address.label}`;
  const url = absoluteUrl(props.address.path);
  const label = () => od().addresses[props.address.label];
  const name = () => od().endpoints[props.endpoint.id].name;
  const [outcome, setOutcome] = createSignal<'copied' | 'manual'>();
  let input!: HTMLInputElement;

  const copy = async () => {
    if (await writeClipboard(url)) {
      setOutcome('copied');
      return;
    }
    // The visible fallback: the whole address selected in its field, ready for Ctrl+C.
    input.focus();
    input.select();
    setOutcome('manual');
  };

  return (
    <div class="od-address">
      <label class="field-label" for={id}>
        {label()}
      </label>
      <div class="od-address-row">
        <input ref={input} id={id} class="input od-url" type="text" readOnly value={url} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button" onClick={() => void copy()}>
          {od().copy}
          <span class="visually-hidden">
            {' '}
            {name()}: {label()}
          </span>
        </button>
      </div>
      {/* A template ({z}/{x}/{y}) is no page to open. */}
      <Show when={!url.includes('{')}>
        <a class="od-open" href={url}>
          {od().open}
          <span class="visually-hidden">
            {' '}
            {name()}: {label()}
          </span>
        </a>
      </Show>
      <p class="od-outcome" role="status">
        <Show when={outcome() === 'copied'}>{format(od().copied, { label: `${name()}: ${label()}` })}</Show>
        <Show when={outcome() === 'manual'}>{od().copyFallback}</Show>
      </p>
    </div>
  );
}

function EndpointSection(props: { endpoint: Endpoint }) {
  const text = () => od().endpoints[props.endpoint.id];
  const heading = `od-${props.endpoint.id}-heading`;
  return (
    <section class="od-endpoint" aria-labelledby={heading}>
      <h2 id={heading}>{text().name}</h2>
      <p>{text().about}</p>
      <For each={props.endpoint.addresses}>{(address) => <AddressField endpoint={props.endpoint} address={address} />}</For>
      <h3>{od().inQgis}</h3>
      <ol class="od-steps">
        <For each={text().qgis}>{(line) => <li>{line}</li>}</For>
      </ol>
    </section>
  );
}

export default function OpenDataPage(props: { siteName: string }) {
  return (
    <Page title={od().title} siteName={props.siteName}>
      <p>{od().intro}</p>
      <p class="callout">{od().privacy}</p>
      <p>{od().licence}</p>
      <p>
        <a href={INSIGHT_HREF}>{od().insightLink}</a>
      </p>
      <For each={ENDPOINTS}>{(endpoint) => <EndpointSection endpoint={endpoint} />}</For>
    </Page>
  );
}
