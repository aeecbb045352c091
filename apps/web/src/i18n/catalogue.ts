/**
 * The one catalogue mechanism: the resident's app, the staff console and the insight pages
 * each make theirs with `createCatalogue`, in their own chunk, so a lazily loaded page's
 * messages stay out of the resident's download. All follow the app's one language signal.
 */

/** A catalogue per language; English is the reference every other must match (the types check it). */
export type Catalogues<M> = { readonly en: M } & Readonly<Record<string, M>>;

/** The messages in the current language, English when the language has none; read inside JSX to stay in step. */
export function createCatalogue<M>(catalogues: Catalogues<M>, current: () => string): () => M {
  return () => catalogues[current()] ?? catalogues.en;
}

/** Fills `{name}` placeholders. Values are plain text; callers render the result as text. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A message with a form per plural category (Polish has one, few and many); `other` is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The form of `forms` that `count` takes in `locale` (Intl.PluralRules), with `{count}` filled. */
export function plural(forms: PluralForms, count: number, locale: string): string {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return format(form, { count: count.toLocaleString(locale) });
}
