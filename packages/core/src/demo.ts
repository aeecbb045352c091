/**
 * When the demo (the Carse of Gowrie, with staff accounts whose password is in the README)
 * may be loaded, and how loudly. Trying Groundswell on a laptop should need no steps; a
 * server that people can reach must never end up with an admin whose password is public.
 */
export type DemoSetting = 'auto' | 'on' | 'off';

/** An address only this machine can reach: the demo's published password is harmless there. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

export interface DemoDecision {
  /** Load the demo now (it is loaded once; loading again is a no-op). */
  load: boolean;
  /** `published`: the README's password; `generated`: a new random one per account, shown once. */
  passwords: 'published' | 'generated';
  /** Say at warning level, at every start, that demo data and accounts are on this server. */
  warn: boolean;
}

/**
 * `auto` loads the demo only into a brand-new embedded database; `on` is the explicit opt-in
 * everywhere else. Only an embedded database on a local address gets the published password.
 */
export function demoDecision(input: { setting: DemoSetting; embedded: boolean; publicUrl: string; freshDatabase: boolean; loaded: boolean }): DemoDecision {
  const load = input.setting === 'on' || (input.setting === 'auto' && input.embedded && input.freshDatabase);
  const local = input.embedded && isLocalUrl(input.publicUrl);
  return { load, passwords: local ? 'published' : 'generated', warn: !local && (load || input.loaded) };
}
