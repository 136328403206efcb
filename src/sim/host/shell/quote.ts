/** Quotes a word for bash with single quotes: `it's` becomes `'it'\''s'`. */
export const quoteWord = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;
