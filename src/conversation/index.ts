/** The channel-free conversation turn. */
export * from './handleTurn';
