// The streaming-scoring settings suite on PostgreSQL (a fresh schema).
import { runStreamingScoringSuite } from './streaming-scoring-suite.js';
import { openTestStore } from './test-store.js';

runStreamingScoringSuite('PostgreSQL', () => openTestStore('postgres'));
