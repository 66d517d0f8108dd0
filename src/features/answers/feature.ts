// Answers from the knowledge base: a question (or an article's title), and the 👍/👎 rating of the last answer.
import type { Feature } from '../../../dialogs/feature.js';
import { answerQuestion, rateAnswer } from './answerQuestion.js';

export const answers = {
  handlers: {
    async question({ context, text, knowledge, services }) {
      await answerQuestion(context, text, knowledge, services);
      return undefined;
    },
    async rating({ context, services }, intent) {
      await rateAnswer(context, intent.rating, services);
      return undefined;
    },
  },
} satisfies Feature<'question' | 'rating'>;
