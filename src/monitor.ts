#!/usr/bin/env node
/**
 * The crontab script: `node dist/monitor.js` (or `npm run monitor`). Reads its own environment
 * (README, "Discord notifications"), prints one line per run and exits 0, 1 or 2.
 */
import { runMonitor } from './monitor/run-monitor';

runMonitor(process.env).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${new Date().toISOString().slice(0, 19)}Z healthcheck-monitor error: ${(error as Error)?.message ?? error}\n`);
    process.exit(2);
  },
);
