export interface CapturedLogs {
  /** Everything written since the capture began. */
  text(): string;
  /** The JSON lines written since the capture began. */
  lines(): Array<Record<string, any>>;
  restore(): void;
}

/**
 * Records what the applications started in this test file log, instead of letting it reach the
 * terminal. Fastify's pino writes to `process.stdout` (its default destination) and Nest's loggers
 * go through that pino (src/common/logging). Call it before `TestApp.start` with a LOG_LEVEL other
 * than `silent`, and `restore()` once the app is closed. Tests using it should also assert that some
 * expected line was captured, so that a change of destination cannot make them pass vacuously.
 */
export function captureLogs(): CapturedLogs {
  const stdout = process.stdout as unknown as { write: (...args: unknown[]) => boolean };
  const original = stdout.write;
  const chunks: string[] = [];
  stdout.write = (chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  const text = () => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line);
          } catch {
            return { notJson: line };
          }
        }),
    restore: () => {
      stdout.write = original;
    },
  };
}
