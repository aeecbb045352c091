import type { TestProject } from 'vitest/node';
import { prepareTemplate } from '@groundswell/db/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  project.provide('dbTemplate', await prepareTemplate());
}
