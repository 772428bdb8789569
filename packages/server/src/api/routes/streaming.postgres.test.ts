// Streaming scoring over HTTP on PostgreSQL.
import { runStreamingSuite } from './streaming-suite.js';

runStreamingSuite('postgres');
