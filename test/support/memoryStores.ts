import { MemoryBackend, SealedRecordStore, SealedSessionStore } from '../../src/storage';
import { testCipher } from './cipher';

/** Sealed stores over a fresh in-memory backend, as the application builds them. */
export function memoryStores(ttlMs = 86_400_000, now: () => number = Date.now) {
  const backend = new MemoryBackend();
  return { backend, sessions: new SealedSessionStore(backend, testCipher(), ttlMs, now), records: new SealedRecordStore(backend, testCipher()) };
}
