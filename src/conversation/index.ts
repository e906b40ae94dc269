/** The channel-free conversation turn. */
export * from './handleTurn';
export * from './turnQueue';
export * from './observer';
export * from './intakeStep';
export * from './turnTimings';
