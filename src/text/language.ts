/** The languages the bot answers in: Vietnamese, and English for citizens who write it. */
export type Language = 'vi' | 'en';
