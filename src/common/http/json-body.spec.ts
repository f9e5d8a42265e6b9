import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body';

describe('jsonDepthExceeds', () => {
  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('allows up to 32 levels of objects and arrays, refuses 33', () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(jsonDepthExceeds(arrays(32))).toBe(false);
    expect(jsonDepthExceeds(arrays(33))).toBe(true);
    expect(jsonDepthExceeds(objects(32))).toBe(false);
    expect(jsonDepthExceeds(`{"a":[${objects(31)}]}`)).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(jsonDepthExceeds(JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1] }))))).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '['.repeat(100), b: '"{{{{' + '\\'.repeat(3) + '"' + '['.repeat(50) }))).toBe(false);
    expect(jsonDepthExceeds(`["\\\\"${arrays(40)}]`)).toBe(true);
  });

  it('stops early on a huge nesting', () => {
    expect(jsonDepthExceeds('['.repeat(1_000_000))).toBe(true);
  });
});
