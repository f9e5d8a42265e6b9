import { spawn } from 'node:child_process';
import { COMMAND_PATH } from './command-catalog';

export interface RunLimits {
  timeoutMs: number;
  /** Bytes kept per stream; the rest is read and dropped. */
  maxBytes: number;
  /** Lines of stdout kept (a listing's head), or null. */
  maxLines: number | null;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  truncated: boolean;
  timedOut: boolean;
}

/** Collects at most `max` bytes of a stream, and keeps draining it so the child never blocks. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const room = this.max - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs a fixed argv without a shell (what `execFile` does, but streaming so that output can be capped
 * without killing the command), as the probe's own user, with a minimal environment (no secrets of
 * the probe's environment reach the child). After `timeoutMs` the whole process group gets SIGKILL.
 */
export function runCommand(argv: string[], limits: RunLimits): Promise<RunResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return new Promise((resolve) => {
    const stdout = new CappedBuffer(limits.maxBytes);
    const stderr = new CappedBuffer(limits.maxBytes);
    let timedOut = false;
    let settled = false;
    const child = spawn(argv[0], argv.slice(1), {
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: COMMAND_PATH, LC_ALL: 'C', LANG: 'C' },
      cwd: '/',
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const finish = (exitCode: number | null, signal: string | null, error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      let out = stdout.text();
      if (limits.maxLines !== null) out = headLines(out, limits.maxLines);
      const err = error ? `${stderr.text()}${error.message}\n` : stderr.text();
      resolve({
        exitCode: error ? 127 : exitCode,
        signal,
        stdout: out,
        stderr: err,
        durationMs: elapsed(),
        truncated: stdout.truncated || stderr.truncated,
        timedOut,
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function headLines(text: string, count: number): string {
  let index = -1;
  for (let line = 0; line < count; line++) {
    index = text.indexOf('\n', index + 1);
    if (index === -1) return text;
  }
  return text.slice(0, index + 1);
}
