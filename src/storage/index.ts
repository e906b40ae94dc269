/** Storage: session and record contracts and their backends. */
export * from './memoryStore';
export * from './types';
