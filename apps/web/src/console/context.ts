import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import type { StaffMe, Team } from './types.ts';

/** What every console page needs: who is signed in and the council's set-up. */
export interface ConsoleContext {
  me: StaffMe;
  config: SiteConfig;
  categories: readonly Category[];
  teams: readonly Team[];
}
