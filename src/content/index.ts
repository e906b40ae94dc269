/** Content: the review date of the locales, and the quality gates over every string in them. */
export * from './catalog';
export * from './dated';
export * from './gates';
export * from './glossary';
export * from './readability';
export * from './review';
export * from './report';
export * from './samples';
export * from './spanishSyllables';
export * from './text';
