// General Vietnamese function words (particles, pronouns, question words, copulas, prepositions).
// They do not count towards a hit's coverage and a query made only of them finds nothing.
// Deliberately a generic grammar list, not one derived from any evaluation set.
const FUNCTION_WORDS = `
à ạ ai ấy bị bởi các cái cả càng cho chưa chứ cũng của cùng đã đang đâu để đến đều đó
được gì hả hay hãy hoặc khi không là lại luôn mà mấy nào này nên nếu nhé nhỉ nhiêu như những
nữa ơi ở rằng rất rồi sao sẽ tại thì thế theo tôi tới từ và vào vậy về vì với
`;

export const STOPWORDS: ReadonlySet<string> = new Set(FUNCTION_WORDS.trim().split(/\s+/u));
