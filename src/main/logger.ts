import pino, { type Logger } from 'pino';
import { loggerOptions } from '../http/logging.ts';

// One JSON logger per process, shared by the HTTP server and the jobs, with the redaction rules of
// src/http/logging.ts. Made once per level, so that a runtime and its HTTP app write through one stream.
const loggers = new Map<string, Logger>();

export function createLogger(level: string): Logger {
  let logger = loggers.get(level);
  if (!logger) {
    logger = pino(loggerOptions(level));
    loggers.set(level, logger);
  }
  return logger;
}
