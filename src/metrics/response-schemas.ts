/**
 * Fastify response schemas of the hot routes: fast-json-stringify serializes these answers from a
 * compiled function instead of JSON.stringify. They must list every field the DTOs carry (a field
 * missing here would be dropped from the answer); `number`, never `integer` (which would round).
 */
const str = { type: 'string' } as const;
const num = { type: 'number' } as const;

const object = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  additionalProperties: false,
});

const cpu = object({ usage_percent: num, cores: num });
const size = object({ total_gb: num, used_gb: num, free_gb: num, usage_percent: num });
const uptime = object({ days: num, hours: num, minutes: num, formatted: str });

export const HEALTH_SCHEMA = object({ status: str, hostname: str, checked_at: str, reason: str }, ['reason']);
export const CPU_SCHEMA = object({ checked_at: str, cpu });
export const MEMORY_SCHEMA = object({ checked_at: str, memory: size });
export const DISK_SCHEMA = object({
  checked_at: str,
  disk: size,
  mounts: { type: 'array', items: object({ mount: str, fs_type: str, total_gb: num, used_gb: num, free_gb: num, usage_percent: num }) },
});
export const SYSTEM_SCHEMA = object({ checked_at: str, hostname: str, status: str, cpu, memory: size, disk: size, uptime });
export const LOAD_SCHEMA = object({ checked_at: str, load_average: object({ '1_min': num, '5_min': num, '15_min': num }) });
export const TOP_PROCESSES_SCHEMA = object({
  checked_at: str,
  top_processes: { type: 'array', items: object({ pid: num, name: str, cpu_percent: num, memory_percent: num }) },
  total_processes: num,
});
const nullableNum = { type: ['number', 'null'] } as const;
export const ALERTS_SCHEMA = object({
  checked_at: str,
  alerts: {
    type: 'array',
    items: object(
      { type: str, level: str, message: str, value: num, threshold: num, mount: str, since: str, peak: num, silenced: { type: 'boolean' }, silence_id: nullableNum },
      ['mount'],
    ),
  },
  total_alerts: num,
  pending: {
    type: 'array',
    items: object({ type: str, level: str, mount: str, value: num, threshold: num, since: str, for_minutes: num }, ['mount']),
  },
});

/** `@RouteSchema()` argument: the schema for a 200 answer (errors keep the default serializer). */
export const okSchema = (schema: object) => ({ response: { 200: schema } });
