import { DomainError, type ListeningLanguage, type StaffActor } from '@groundswell/core';
import { deleteKeywordRule, findCategory, insertKeywordRule, listActiveCategories, listKeywordRules, recordAudit, updateKeywordRule } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface KeywordRuleInput {
  name: string;
  language: ListeningLanguage;
  keywords: string[];
  exclusions: string[];
  category: string | null;
  enabled: boolean;
}

export async function listRules(deps: Pick<AppDeps, 'database'>) {
  const codes = new Map((await listActiveCategories(deps.database)).map((c) => [c.id, c.code]));
  return (await listKeywordRules(deps.database)).map(({ categoryId, ...r }) => ({ ...r, category: categoryId === null ? null : (codes.get(categoryId) ?? null) }));
}

async function categoryId(deps: Pick<AppDeps, 'database'>, code: string | null): Promise<number | null> {
  if (code === null) return null;
  const category = await findCategory(deps.database, code);
  if (!category) throw new DomainError('unknown_category', `There is no category "${code}"`, [{ field: 'category', message: 'Choose one of the categories' }]);
  return category.id;
}

export async function addRule(deps: AppDeps, actor: StaffActor, input: KeywordRuleInput) {
  const id = await insertKeywordRule(deps.database, { ...input, categoryId: await categoryId(deps, input.category) }, deps.clock.now());
  await recordAudit(deps.database, { staffId: actor.id, action: 'keyword_rule_added', targetType: 'keyword_rule', targetId: String(id), payload: { ...input }, at: deps.clock.now() });
  return (await listRules(deps)).find((r) => r.id === id)!;
}

export async function changeRule(deps: AppDeps, actor: StaffActor, id: number, input: KeywordRuleInput) {
  if (!(await updateKeywordRule(deps.database, id, { ...input, categoryId: await categoryId(deps, input.category) }))) throw new DomainError('not_found', `There is no keyword rule ${id}`);
  await recordAudit(deps.database, { staffId: actor.id, action: 'keyword_rule_changed', targetType: 'keyword_rule', targetId: String(id), payload: { ...input }, at: deps.clock.now() });
  return (await listRules(deps)).find((r) => r.id === id)!;
}

export async function removeRule(deps: AppDeps, actor: StaffActor, id: number) {
  if (!(await deleteKeywordRule(deps.database, id))) throw new DomainError('not_found', `There is no keyword rule ${id}`);
  await recordAudit(deps.database, { staffId: actor.id, action: 'keyword_rule_removed', targetType: 'keyword_rule', targetId: String(id), at: deps.clock.now() });
  return { removed: true as const };
}
