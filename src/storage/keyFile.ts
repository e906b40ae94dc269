/**
 * The development key file: with no ENCRYPTION_KEYS configured (and not in production), the
 * embedded default creates a random key in DATA_DIR (mode 0600) so `npm start` encrypts from the
 * first run. Production refuses to start without keys from the environment (src/config).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateKey, type KeyRing } from './cipher';

export const KEY_FILE_NAME = 'encryption-key.json';

const keyFileSchema = z.object({
  current: z.string(),
  keys: z.record(z.string(), z.string()),
});

export interface LoadedKeys {
  ring: KeyRing;
  /** `created`: a new key file was written now (the caller logs a warning). */
  source: 'env' | 'file' | 'created';
  file?: string;
}

export function keysFromFile(dataDir: string): LoadedKeys {
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const parsed = keyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const keys = new Map(Object.entries(parsed.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')]));
    return { ring: { current: parsed.current, keys }, source: 'file', file };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const id = `local-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  const key = generateKey();
  writeFileSync(file, JSON.stringify({ current: id, keys: { [id]: key.toString('base64') } }, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { ring: { current: id, keys: new Map([[id, key]]) }, source: 'created', file };
}
