/** What vitest.global-setup.ts provides to test files (the migrated database template). */
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}
