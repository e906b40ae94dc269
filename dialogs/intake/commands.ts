/**
 * Global commands of intake-spec.md §2. Recognizing them in text is the understanding layer's job;
 * here they are the names the machine reacts to.
 */
export const commandNames = ['help', 'back', 'restart', 'language', 'exit', 'delete'] as const;
export type CommandName = (typeof commandNames)[number];

export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
