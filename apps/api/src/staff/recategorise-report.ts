import { DomainError, type StaffActor } from '@groundswell/core';
import { addEvent, findCategory, setReportCategory } from '@groundswell/db';
import { act, type ActDeps } from './act.ts';

/** A new category routes the report again, so its team may change. */
export async function recategoriseReport(deps: ActDeps, actor: StaffActor, input: { id: string; category: string }) {
  const code = input.category;
  const category = await findCategory(deps.database, code);
  if (!category) throw new DomainError('unknown_category', `There is no category "${code}"`, [{ field: 'body.category', message: 'Unknown category' }]);
  return act(deps, actor, input.id, async (tx, r, at) => {
    if (!category.geometryTypes.includes(r.geomType)) {
      throw new DomainError('geometry_type_not_allowed', `${category.name.en} cannot be drawn as this shape; move it first`, [{ field: 'body.category', message: 'Shape not allowed' }]);
    }
    const { teamId } = await setReportCategory(tx, r.id, category);
    await addEvent(tx, { reportId: r.id, kind: 'recategorised', public: true, actor, payload: { fromCategoryId: r.categoryId, to: category.code, teamId }, at });
    return { category: category.code, teamId };
  });
}
