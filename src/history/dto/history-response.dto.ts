import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { HISTORY_RESOURCES, HistoryResource } from '../history.types';

const T = { example: '2025-01-08T15:30:00Z', description: 'Time of the sample, ISO 8601 UTC' };

/** cpu, memory, disk: the usage of the resource, as `/cpu`, `/memory` and `/disk` show it. */
export class UsagePointDto {
  @ApiProperty(T) t: string;
  @ApiProperty({ example: 42.5, description: 'Percent, one decimal' }) usage_percent: number;
}

export class LoadPointDto {
  @ApiProperty(T) t: string;
  @ApiProperty({ name: '1_min', example: 0.52 }) '1_min': number;
  @ApiProperty({ name: '5_min', example: 0.48 }) '5_min': number;
  @ApiProperty({ name: '15_min', example: 0.45 }) '15_min': number;
}

export class NetworkPointDto {
  @ApiProperty(T) t: string;
  @ApiProperty({
    example: 12840,
    nullable: true,
    type: Number,
    description: 'Bytes received per second over every non-loopback interface since the previous sample (null for the first sample)',
  })
  rx_bytes_per_sec: number | null;
  @ApiProperty({ example: 3310, nullable: true, type: Number, description: 'Bytes sent per second, likewise' })
  tx_bytes_per_sec: number | null;
}

export type HistoryPoint = UsagePointDto | LoadPointDto | NetworkPointDto;

@ApiExtraModels(UsagePointDto, LoadPointDto, NetworkPointDto)
export class HistoryResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z', description: 'Time of the latest sample' }) checked_at: string;
  @ApiProperty({ enum: HISTORY_RESOURCES, example: 'cpu' }) resource: HistoryResource;
  @ApiProperty({
    example: 2,
    description: 'Seconds between two points: SAMPLE_INTERVAL_SECONDS, or the step of the averaged points when `points` is given',
  })
  interval_seconds: number;
  @ApiProperty({
    description:
      'Oldest first, one point per sample (per step with `points`: the average of its samples, at the time of the last). cpu/memory/disk: `{t, usage_percent}`; load: `{t, 1_min, 5_min, 15_min}`; ' +
      'network: `{t, rx_bytes_per_sec, tx_bytes_per_sec}`. Samples older than the start of the process are not known.',
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(UsagePointDto) },
        { $ref: getSchemaPath(LoadPointDto) },
        { $ref: getSchemaPath(NetworkPointDto) },
      ],
    },
    example: [
      { t: '2025-01-08T15:29:58Z', usage_percent: 41.2 },
      { t: '2025-01-08T15:30:00Z', usage_percent: 42.5 },
    ],
  })
  points: HistoryPoint[];
}
