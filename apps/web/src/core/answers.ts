/**
 * The domain's answer rules (`checkAnswers`, `isQuestionShown`) from packages/core, the same
 * code the API runs, without zod in the bundle (see `coreWithoutZod` in vite.config.ts).
 */
export { checkAnswers, isQuestionShown, type AnswerValue, type Answers } from '../../../../packages/core/src/answers.ts';
