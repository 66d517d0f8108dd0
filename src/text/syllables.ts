// The shape of a Vietnamese syllable written without diacritics: what tells Vietnamese typed plainly from English
// (language.ts), a typo from a word (answer/confidence.ts) and Telex from a loanword (telex.ts).

// Onset, vowel nucleus and coda of a Vietnamese syllable written without diacritics.
const VI_SYLLABLE =
  /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?(?:uye|uya|uoi|uou|ieu|yeu|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|iu|ie|oa|oe|oi|oo|ua|ue|ui|uo|uy|uu|ye|[aeiouy])(?:ng|nh|ch|[cmnpt])?$/u;

/** Whether a folded word is a well-formed Vietnamese syllable ("chieu", "truong"; not "luog", "nhug", "damm"). */
export function wellFormedSyllable(folded: string): boolean {
  return VI_SYLLABLE.test(folded);
}
