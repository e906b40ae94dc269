/** Rendering: (state | assessment, translator) -> channel-neutral replies. */
export * from './render';
export * from './reply';
