/**
 * The inbox's shapes, read from core's zod contracts (packages/core/src/schemas/listening.ts)
 * without loading zod: a schema's output type is its `_zod.output`.
 */
import type {
  GazetteerImportSchema,
  HowWeListenSchema,
  KeywordRuleInputSchema,
  KeywordRuleSchema,
  ListeningOverviewSchema,
  ListeningSourceInputSchema,
  ListeningSourceSchema,
  MentionActionResultSchema,
  MentionDetailSchema,
  MentionListSchema,
  MentionSchema,
  MentionToReportSchema,
} from '@groundswell/core/schemas';

type Out<T extends { _zod: { output: unknown } }> = T['_zod']['output'];
type In<T extends { _zod: { input: unknown } }> = T['_zod']['input'];

export type Mention = Out<typeof MentionSchema>;
export type MentionList = Out<typeof MentionListSchema>;
export type MentionDetail = Out<typeof MentionDetailSchema>;
export type MentionActionResult = Out<typeof MentionActionResultSchema>;
export type MentionToReport = In<typeof MentionToReportSchema>;
export type ListeningSource = Out<typeof ListeningSourceSchema>;
export type ListeningSourceInput = In<typeof ListeningSourceInputSchema>;
export type KeywordRule = Out<typeof KeywordRuleSchema>;
export type KeywordRuleInput = In<typeof KeywordRuleInputSchema>;
export type GazetteerImport = In<typeof GazetteerImportSchema>;
export type HowWeListen = Out<typeof HowWeListenSchema>;
export type ListeningOverview = Out<typeof ListeningOverviewSchema>;
