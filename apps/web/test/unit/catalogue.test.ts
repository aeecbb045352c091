import { createMemo, createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createCatalogue, format } from '../../src/i18n/catalogue.ts';

describe('createCatalogue', () => {
  it('follows the language signal and falls back to English', () => {
    createRoot((dispose) => {
      const [lang, setLang] = createSignal('en');
      const m = createCatalogue({ en: { hello: 'Hello' }, pl: { hello: 'Cześć' } }, lang);
      expect(m().hello).toBe('Hello');
      setLang('pl');
      expect(m().hello).toBe('Cześć');
      setLang('de');
      expect(m().hello).toBe('Hello');
      dispose();
    });
  });

  it('keeps memos that read it in step', () => {
    createRoot((dispose) => {
      const [lang, setLang] = createSignal('en');
      const m = createCatalogue({ en: { n: 'one' }, pl: { n: 'jeden' } }, lang);
      const text = createMemo(() => m().n);
      expect(text()).toBe('one');
      setLang('pl');
      expect(text()).toBe('jeden');
      dispose();
    });
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{count} reports near {place}', { count: 3 })).toBe('3 reports near {place}');
  });
});
