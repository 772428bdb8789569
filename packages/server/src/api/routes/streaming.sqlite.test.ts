// Streaming scoring over HTTP on SQLite.
import { runStreamingSuite } from './streaming-suite.js';

runStreamingSuite('sqlite');
