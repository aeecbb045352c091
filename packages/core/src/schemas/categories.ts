import { z } from 'zod';
import { GEOMETRY_KINDS } from '../geometry.ts';

/** Text in several languages; English is always present and is the fallback. */
export const LocalizedTextSchema = z
  .object({ en: z.string().min(1) })
  .catchall(z.string())
  .meta({ description: 'Text per locale; `en` is always present.' });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Show a question only when another question has one of these answers. */
const ShowIfSchema = z.object({ question: z.string(), in: z.array(z.union([z.string(), z.boolean(), z.number()])) });

const baseQuestion = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  required: z.boolean().default(false),
  showIf: ShowIfSchema.optional(),
};

const ChoiceSchema = z.object({ value: z.string(), label: LocalizedTextSchema });

export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...baseQuestion, type: z.literal('text'), maxLength: z.number().int().positive().default(500) }),
  z.object({
    ...baseQuestion,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().optional(),
  }),
  z.object({ ...baseQuestion, type: z.literal('single_choice'), choices: z.array(ChoiceSchema).min(1) }),
  z.object({ ...baseQuestion, type: z.literal('multiple_choice'), choices: z.array(ChoiceSchema).min(1) }),
  z.object({ ...baseQuestion, type: z.literal('yes_no') }),
  z.object({ ...baseQuestion, type: z.literal('date') }),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionInput = z.input<typeof QuestionSchema>;

export const ContactRequirementSchema = z.object({
  name: z.boolean().default(false),
  email: z.boolean().default(false),
  phone: z.boolean().default(false),
});

export const CategorySchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    group: z.string().optional(),
    icon: z.string(),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
    geometryTypes: z.array(z.enum(GEOMETRY_KINDS)).min(1),
    questions: z.array(QuestionSchema),
    responseDays: z.number().int().positive().meta({ description: 'Working days the council promises to respond within.' }),
    contactRequired: ContactRequirementSchema,
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof CategorySchema>;
export type CategoryInput = z.input<typeof CategorySchema>;
