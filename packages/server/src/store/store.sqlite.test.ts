// The shared store suite on SQLite (a temp directory per file).
import { runStoreSuite } from './store-suite.js';
import { openTestStore } from './test-store.js';

runStoreSuite('SQLite', () => openTestStore('sqlite'));
