import { AnswerEngine } from './src/answer/answerEngine.ts';
import { buildKnowledge } from './src/knowledge/kbBuilder.ts';
const kb = await buildKnowledge('knowledge');
const e = new AnswerEngine(kb.kb!);
for (const q of process.argv.slice(2)) { const l = e.lookup(q); console.log(q, '→', l.band, l.best && (l.best.kind==='entry'? l.best.entry.id : l.best.article.id), l.best?.confidence?.toFixed(2), l.suggestions.map(s=>s.id), l.rejections.slice(0,3).map(r=>`${r.id}:${r.gate}:${r.confidence.toFixed(2)}`)); }
import { entryPolarity } from './src/answer/polarity.ts';
for (const q of process.argv.slice(2)) { console.log('expand', e.expand(q)); const l = e.lookup(q); if (l.best?.kind==='entry') console.log('pol', entryPolarity(e.expand(q), l.best.entry.answer.vi), l.best.polarity); }
