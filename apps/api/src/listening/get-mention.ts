import { DomainError, draftReply, localized, MENTION_GROUP_DAYS, MENTION_GROUP_METRES, OPEN_STATES, type StaffActor } from '@groundswell/core';
import { findCategory, findMention, listMentionReplies, listTeams, mentionsNear, openReportsNear } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { canReply, presentMention } from './present.ts';

/**
 * One mention as the officer sees it: the place guesses, what else was said nearby in the
 * same week, open reports of the suggested category close by (where it may belong), the
 * replies so far, and a reply draft in the mention's language signed by this officer.
 */
export async function getMention(deps: Pick<AppDeps, 'database' | 'config'>, actor: StaffActor, id: number) {
  const { database, config } = deps;
  const mention = await findMention(database, id);
  if (!mention) throw new DomainError('not_found', `There is no mention ${id}`);
  const category = mention.suggestedCategory ? await findCategory(database, mention.suggestedCategory) : undefined;
  const [nearbyMentions, nearbyReports, replies] = await Promise.all([
    mentionsNear(database, id, MENTION_GROUP_METRES, MENTION_GROUP_DAYS),
    mention.location ? openReportsNear(database, mention.location, category?.id ?? null, MENTION_GROUP_METRES, OPEN_STATES) : Promise.resolve([]),
    listMentionReplies(database, id),
  ]);
  const language = mention.language ?? 'en';
  const replyDraft = canReply(mention.source.kind)
    ? draftReply({
        language,
        source: mention.source.kind,
        purpose: mention.report ? (mention.followUpDue ? 'state_changed' : mention.state === 'attached' ? 'attached' : 'report_created') : 'acknowledge',
        officer: await officerSignature(deps, actor, language),
        reportUrl: mention.report ? `${config.publicUrl}/#/reports/${mention.report}` : null,
        reportRef: mention.report,
        categoryName: category ? localized(category.name, language) : null,
      })
    : null;
  return { mention: presentMention(mention), nearbyMentions: nearbyMentions.map(presentMention), nearbyReports, replies, replyDraft };
}

/** A person, not "the council": the officer's first name and their first team. */
export async function officerSignature(deps: Pick<AppDeps, 'database'>, actor: StaffActor, language: string): Promise<{ firstName: string; team: string | null }> {
  const teams = actor.teamIds.length ? (await listTeams(deps.database)).filter((t) => actor.teamIds.includes(Number(t.id))) : [];
  const team = teams[0];
  return { firstName: actor.name.trim().split(/\s+/)[0] ?? actor.name, team: team ? (team.names?.[language] ?? team.name) : null };
}
