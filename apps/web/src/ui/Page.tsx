import { createEffect, onMount, type JSX } from 'solid-js';
import { t } from '../i18n/index.ts';
import { MAP_HREF } from '../router.ts';

/**
 * A full-screen page over the map: a way back, one h1 that takes focus when the page opens
 * (so screen readers announce it), and the document title.
 */
export function Page(props: { title: string; siteName: string; children: JSX.Element; backHref?: string; backLabel?: string }) {
  let heading!: HTMLHeadingElement;
  onMount(() => {
    window.scrollTo(0, 0);
    heading.focus();
  });
  createEffect(() => {
    document.title = `${props.title} · ${props.siteName}`;
  });
  return (
    <div class="page">
      <p class="page-back">
        <a class="button button-quiet" href={props.backHref ?? MAP_HREF}>
          <span aria-hidden="true">← </span>
          {props.backLabel ?? t().report.back}
        </a>
      </p>
      <div class="page-body">
        <h1 ref={heading} tabindex="-1" class="page-title">
          {props.title}
        </h1>
        {props.children}
      </div>
    </div>
  );
}
