import { MemoryRecordStore, MemorySessionStore } from '../../src/storage';
import { recordStoreContract, sessionStoreContract } from './contract';

sessionStoreContract('memory', (clock, ttl) => new MemorySessionStore(ttl, clock.now));
recordStoreContract('memory', () => new MemoryRecordStore());
