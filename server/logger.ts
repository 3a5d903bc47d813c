/** A small levelled logger writing one line per event to stderr. */
import type { LogLevel } from './env.js';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type Logger = {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
};

export function createLogger(level: LogLevel): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, details?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const suffix = details ? ` ${JSON.stringify(details)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${suffix}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
