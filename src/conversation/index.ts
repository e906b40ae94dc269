/** The channel-free conversation turn. */
export * from './handleTurn';
export * from './turnInput';
export * from './typedText';
export * from './reference';
export * from './logHash';
export { toEvent } from './events';
export { eraseConversation } from './ending';
export { storedLocale } from './session';
export * from './turnQueue';
export * from './observer';
export * from './intakeStep';
export * from './turnTimings';
