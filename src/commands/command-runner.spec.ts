import { runCommand } from './command-runner';

const limits = { timeoutMs: 5000, maxBytes: 64 * 1024, maxLines: null };
const node = (code: string) => [process.execPath, '-e', code];

describe('runCommand', () => {
  it('returns exit code, both streams and duration', async () => {
    const result = await runCommand(node("process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"), limits);
    expect(result).toEqual(
      expect.objectContaining({ exitCode: 3, stdout: 'out', stderr: 'err', truncated: false, timedOut: false }),
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes arguments verbatim, never through a shell', async () => {
    const result = await runCommand(['/usr/bin/echo', '$(id)', ';', 'rm', '-rf', '/', '`x`'], limits);
    expect(result.stdout).toBe('$(id) ; rm -rf / `x`\n');
  });

  it('gives the child no environment but PATH and the C locale', async () => {
    const result = await runCommand(node('process.stdout.write(Object.keys(process.env).sort().join(","))'), limits);
    expect(result.stdout).toBe('LANG,LC_ALL,PATH');
  });

  it('caps each stream and says so, reading the rest', async () => {
    const result = await runCommand(node("process.stdout.write('x'.repeat(100000)); process.stderr.write('y'.repeat(10))"), {
      ...limits,
      maxBytes: 1000,
    });
    expect(result.stdout).toBe('x'.repeat(1000));
    expect(result.stderr).toBe('y'.repeat(10));
    expect(result.truncated).toBe(true);
    expect(result.exitCode).toBe(0);
  });

  it('keeps the first lines when asked', async () => {
    const result = await runCommand(node("console.log('a\\nb\\nc\\nd')"), { ...limits, maxLines: 2 });
    expect(result.stdout).toBe('a\nb\n');
  });

  it('kills the whole process group after the timeout', async () => {
    const started = Date.now();
    const result = await runCommand(
      node("require('child_process').spawn('sleep', ['30'], {stdio: 'inherit'}); setTimeout(() => {}, 30000)"),
      { ...limits, timeoutMs: 500 },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toEqual(expect.objectContaining({ exitCode: null, signal: 'SIGKILL', timedOut: true }));
  });

  it('reports an executable that cannot start as exit 127', async () => {
    const result = await runCommand(['/nonexistent/binary'], limits);
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(/ENOENT/);
  });
});
