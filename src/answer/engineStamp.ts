// Which code made what the answer engine saves with a version (its word counts and sentence index, in
// DATA_DIR/kb.snapshot): a start restores them only when this same code would make the same.
import { codeStamp } from '../knowledge/parserStamp.js';

export const ENGINE_STAMP = codeStamp(import.meta.url, [
  './answerEngine',
  './confidence',
  './wordCounts',
  '../search/analyze',
  '../search/documents',
  '../search/postings',
  '../search/searchIndex',
  '../search/stopwords',
  '../search/tuning',
  '../search/typos',
  '../search/views',
  '../search/vocabulary',
  '../text/vietnamese',
]);
