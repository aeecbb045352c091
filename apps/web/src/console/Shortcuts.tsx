import { For, onMount } from 'solid-js';
import { ct } from './i18n/index.ts';

const KEYS = [
  ['j', 'j'],
  ['k', 'k'],
  ['a', 'a'],
  ['r', 'r'],
  ['n', 'n'],
  ['e', 'e'],
  ['s', 's'],
  ['/', 'slash'],
  ['?', 'help'],
  ['Esc', 'escape'],
] as const;

/** The help overlay: a modal dialog listing the keys (focus is kept inside; Escape closes it). */
export function ShortcutsHelp(props: { onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  onMount(() => {
    dialog.showModal();
    dialog.querySelector<HTMLElement>('button')?.focus();
  });
  return (
    <dialog
      ref={dialog}
      class="c-dialog"
      aria-labelledby="c-shortcuts-title"
      onClose={() => props.onClose()}
      onClick={(e) => {
        if (e.target === dialog) dialog.close();
      }}
    >
      <div class="c-dialog-body">
        <h2 id="c-shortcuts-title">{ct().shortcuts.heading}</h2>
        <p class="c-hint">{ct().shortcuts.intro}</p>
        <table class="c-table c-shortcuts">
          <thead>
            <tr>
              <th scope="col">{ct().shortcuts.key}</th>
              <th scope="col">{ct().shortcuts.does}</th>
            </tr>
          </thead>
          <tbody>
            <For each={KEYS}>
              {([key, name]) => (
                <tr>
                  <td>
                    <kbd class="c-kbd">{key}</kbd>
                  </td>
                  <td>{ct().shortcuts.keys[name]}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <button type="button" class="c-btn c-btn-primary" onClick={() => dialog.close()}>
          {ct().shortcuts.close}
        </button>
      </div>
    </dialog>
  );
}
