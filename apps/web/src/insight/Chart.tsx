import { createEffect, For, onCleanup, onMount, type JSX } from 'solid-js';
import { ti } from './i18n/index.ts';

/**
 * A chart drawn by Observable Plot into an SVG, redrawn when its data or width changes.
 * The SVG is labelled for screen readers; the text summary and the data table beside it say
 * the same thing in words and numbers.
 */
export function Chart(props: { render: (width: number) => Element; label: string; class?: string }) {
  let box!: HTMLDivElement;
  let width = 640;
  const draw = () => {
    const svg = props.render(Math.max(280, width));
    // One image with one name: Plot labels its inner groups, which ARIA forbids on plain groups.
    for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', props.label);
    box.replaceChildren(svg);
  };
  onMount(() => {
    width = box.clientWidth || width;
    const observer = new ResizeObserver(() => {
      const next = box.clientWidth;
      if (next && Math.abs(next - width) > 20) {
        width = next;
        draw();
      }
    });
    observer.observe(box);
    onCleanup(() => observer.disconnect());
  });
  createEffect(draw);
  return <div ref={box} class={`insight-chart ${props.class ?? ''}`} />;
}

export interface Column<T> {
  label: string;
  value: (row: T) => JSX.Element;
  numeric?: boolean;
}

/** The figures behind a chart as a table, inside a disclosure that screen readers reach first. */
export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; open?: boolean }) {
  return (
    <details class="insight-table" open={props.open}>
      <summary>{ti().dataTable}</summary>
      <div class="insight-table-scroll">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <For each={props.columns}>
                {(c) => (
                  <th scope="col" class={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <For each={props.columns}>{(c, i) => (i() === 0 ? <th scope="row">{c.value(row)}</th> : <td class={c.numeric ? 'num' : undefined}>{c.value(row)}</td>)}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** A link that downloads the same figures as CSV. */
export function CsvLink(props: { href: string }) {
  return (
    <a class="button button-quiet insight-csv" href={props.href} download="">
      {ti().csv}
    </a>
  );
}
