import { MemoryBackend } from '../../src/storage';
import { backendContract } from './contract';

backendContract('memory', async () => new MemoryBackend());
