import { ArgumentMetadata } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import { TopProcessesQueryDto } from '../../metrics/dto/top-processes-query.dto';
import { createValidationPipe } from './validation.pipe';

const query: ArgumentMetadata = { type: 'query', metatype: TopProcessesQueryDto, data: undefined };

describe('the global validation pipe on query DTOs', () => {
  it('converts and validates a query, then serves the same (frozen) DTO for the same query string', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ sort: 'memory', limit: '3' }, query);
    expect(first).toBeInstanceOf(TopProcessesQueryDto);
    expect(first).toEqual({ sort: 'memory', limit: 3 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await pipe.transform({ sort: 'memory', limit: '3' }, query)).toBe(first);
    const other = await pipe.transform({ limit: '3' }, query);
    expect(other).not.toBe(first);
    expect(other).toEqual({ sort: 'cpu', limit: 3 });
  });

  it('refuses a bad query every time (errors are not cached)', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i += 1) {
      const error = await pipe.transform({ limit: '0' }, query).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).getStatus()).toBe(400);
      expect(JSON.stringify((error as ApiError).getResponse())).toContain("Le paramètre 'limit' doit être un entier entre 1 et 50");
    }
    await expect(pipe.transform({ sort: 'cpu', extra: '1' }, query)).rejects.toBeInstanceOf(ApiError);
  });

  it('keeps at most 100 query strings per DTO', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ limit: '1' }, query);
    for (let limit = 1; limit <= 50; limit += 1) {
      await pipe.transform({ limit: String(limit) }, query);
      await pipe.transform({ limit: String(limit), sort: 'memory' }, query);
    }
    await pipe.transform({ limit: '7', sort: 'cpu' }, query); // the 101st: the oldest goes
    const again = await pipe.transform({ limit: '1' }, query);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
