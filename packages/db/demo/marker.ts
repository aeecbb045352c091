/** The settings row that says the demo is loaded, and what it created. */
/** The rows the demo created (not those it found already there), so it can be taken out again. */
export interface DemoCreated {
  teams: number[];
  categories: number[];
  areas: number[];
  assets: number[];
  reports: number[];
  places: number[];
  templates: number[];
}

export const DEMO_SETTING = 'demo_loaded';
