// What the bot asks when a follow-up ("người đó là ai?", "còn năm trước thì sao?", "what about last year?")
// comes with no earlier question to read it with: it asks for the whole question instead of guessing a topic.
import type { Language } from '../text/language.js';
import { MENU, type Message } from './messages.js';

export function followUpClarify(lang: Language): Message {
  const text =
    lang === 'en'
      ? 'Could you tell me what you are asking about? Please type your whole question, so that I can answer it correctly.'
      : 'Dạ, Quý khách đang hỏi về nội dung nào ạ? Quý khách vui lòng nhắn đầy đủ câu hỏi để bot trả lời chính xác.';
  return { text, actions: MENU[lang] };
}
