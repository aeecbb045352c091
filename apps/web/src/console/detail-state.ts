/**
 * The open report's state: the report itself, which action form is open (one at a time),
 * the last outcome, and the actions the toolbar and the keyboard share. Focus goes back
 * to whatever opened a form when it closes, or to the heading.
 */
import { createEffect, createResource, createSignal } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { staffApi } from './api.ts';
import { ct, problemText } from './i18n/index.ts';
import { focusSoon } from './ui.tsx';
import type { StaffReportDetail } from './types.ts';

export const ACTIONS = ['answer', 'note', 'expected', 'state', 'assign', 'priority', 'merge', 'moderate', 'move', 'category'] as const;
export type ActionName = (typeof ACTIONS)[number];
/** The keys that open an action (the rest are buttons only). */
export const KEYS: Partial<Record<ActionName, string>> = { answer: 'r', note: 'n', expected: 'e', state: 's' };

/** What the triage screen's keyboard shortcuts can ask of the open report. */
export interface DetailControls {
  open: (action: ActionName) => void;
  assignToMe: () => void;
  close: () => boolean;
}

export interface DetailOptions {
  id: () => string;
  meId: () => string;
  categories: () => readonly Category[];
  heading: () => HTMLElement | undefined;
  onChanged: () => void;
  onLoaded?: ((report: StaffReportDetail) => void) | undefined;
}

export function createDetail(options: DetailOptions) {
  const [report, { refetch }] = createResource(options.id, (id) => staffApi.report(id));
  const [action, setAction] = createSignal<ActionName>();
  const [status, setStatus] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  /** The button that opened the form: focus goes back to it when the form closes. */
  let opener: HTMLElement | null = null;
  const returnFocus = () => focusSoon(() => (opener && document.contains(opener) ? opener : options.heading()));

  const loaded = (): StaffReportDetail | undefined => (report.error ? undefined : report.latest);
  const category = (): Category | undefined => options.categories().find((c) => c.code === loaded()?.category);
  createEffect(() => {
    const r = loaded();
    if (r) options.onLoaded?.(r);
  });

  function open(name: ActionName) {
    if (!loaded()) return;
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setStatus(undefined);
    setProblem(undefined);
    if (action() === name) {
      // Pressed again: back to the open form.
      document.querySelector<HTMLElement>(`#c-${name} input, #c-${name} select, #c-${name} textarea`)?.focus();
      return;
    }
    setAction(name);
  }
  function closeForm(focus = true) {
    setAction(undefined);
    if (focus) returnFocus();
  }
  async function done(message: string) {
    setAction(undefined);
    setStatus(message);
    await refetch();
    options.onChanged();
    returnFocus();
  }
  async function assignToMe() {
    const r = loaded();
    if (!r || busy()) return;
    setBusy(true);
    setProblem(undefined);
    setStatus(undefined);
    try {
      await staffApi.act(r.id, 'assign', { assigneeId: options.meId() });
      await done(ct().actions.done.assignedToMe);
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  }
  const controls: DetailControls = {
    open,
    assignToMe: () => void assignToMe(),
    close: () => {
      if (!action()) return false;
      closeForm();
      return true;
    },
  };
  return { report, loaded, category, action, status, problem, busy, open, closeForm, done, assignToMe, controls };
}

export type DetailState = ReturnType<typeof createDetail>;
