// The streaming-scoring settings suite on SQLite.
import { runStreamingScoringSuite } from './streaming-scoring-suite.js';
import { openTestStore } from './test-store.js';

runStreamingScoringSuite('SQLite', () => openTestStore('sqlite'));
