/** Storage: session and record contracts, the sealed stores, and their backends. */
export * from './backend';
export * from './cipher';
export * from './memoryBackend';
export * from './sealedStores';
export * from './timedStores';
export * from './types';
