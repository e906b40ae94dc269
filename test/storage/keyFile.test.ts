import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cipher } from '../../src/storage';
import { KEY_FILE_NAME, keysFromFile } from '../../src/storage/keyFile';

describe('development key file', () => {
  it('is created once with mode 0600 and reused after', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'puente-key-')), 'data');
    const first = keysFromFile(dir);
    expect(first.source).toBe('created');
    const file = path.join(dir, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = keysFromFile(dir);
    expect(second.source).toBe('file');
    expect(second.ring.current).toBe(first.ring.current);
    const sealed = new Cipher(first.ring).seal('x', 'a');
    expect(new Cipher(second.ring).open(sealed, 'a')).toBe('x');
    expect(JSON.parse(readFileSync(file, 'utf8')).current).toBe(first.ring.current);
  });
});
