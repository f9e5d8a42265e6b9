import { Controller, Get, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MetricRead } from '../common/decorators/require-permission.decorator';
import { ApiErrorDto } from '../common/http/api-error.dto';
import {
  CpuResponseDto,
  DiskResponseDto,
  LoadResponseDto,
  MemoryResponseDto,
  NetworkResponseDto,
  OsResponseDto,
  ProcessesResponseDto,
  ServicesResponseDto,
  SystemResponseDto,
  TopProcessesResponseDto,
} from './dto/metric-responses.dto';
import { TopProcessesQueryDto } from './dto/top-processes-query.dto';
import { MetricsService } from './metrics.service';
import {
  CPU_SCHEMA,
  DISK_SCHEMA,
  LOAD_SCHEMA,
  MEMORY_SCHEMA,
  okSchema,
  SYSTEM_SCHEMA,
  TOP_PROCESSES_SCHEMA,
} from './response-schemas';

@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('cpu')
  @RouteSchema(okSchema(CPU_SCHEMA))
  @MetricRead('CPU usage over the last sampling interval')
  @ApiOkResponse({ type: CpuResponseDto })
  cpu(): CpuResponseDto {
    return this.metrics.cpu();
  }

  @Get('memory')
  @RouteSchema(okSchema(MEMORY_SCHEMA))
  @MetricRead('Memory (GiB): used = total − available')
  @ApiOkResponse({ type: MemoryResponseDto })
  memory(): MemoryResponseDto {
    return this.metrics.memory();
  }

  @Get('disk')
  @RouteSchema(okSchema(DISK_SCHEMA))
  @MetricRead('The disk holding DISK_PATH, and every real mount')
  @ApiOkResponse({ type: DiskResponseDto })
  disk(): DiskResponseDto | Promise<DiskResponseDto> {
    return this.metrics.disk();
  }

  @Get('system')
  @RouteSchema(okSchema(SYSTEM_SCHEMA))
  @MetricRead('Every headline metric in one answer')
  @ApiOkResponse({ type: SystemResponseDto })
  system(): SystemResponseDto {
    return this.metrics.system();
  }

  @Get('os')
  @MetricRead('Operating system')
  @ApiOkResponse({ type: OsResponseDto })
  os(): Promise<OsResponseDto> {
    return this.metrics.os();
  }

  @Get('load')
  @RouteSchema(okSchema(LOAD_SCHEMA))
  @MetricRead('Load average')
  @ApiOkResponse({ type: LoadResponseDto })
  load(): LoadResponseDto {
    return this.metrics.load();
  }

  @Get('network')
  @MetricRead('Network interfaces and established TCP connections')
  @ApiOkResponse({ type: NetworkResponseDto })
  network(): Promise<NetworkResponseDto> {
    return this.metrics.network();
  }

  @Get('processes')
  @MetricRead('Process counts by state')
  @ApiOkResponse({ type: ProcessesResponseDto })
  processes(): Promise<ProcessesResponseDto> {
    return this.metrics.processes();
  }

  @Get('processes/top')
  @RouteSchema(okSchema(TOP_PROCESSES_SCHEMA))
  @MetricRead('Top processes by recent CPU or memory use')
  @ApiOkResponse({ type: TopProcessesResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "Bad 'sort' or 'limit'" })
  topProcesses(@Query() query: TopProcessesQueryDto): Promise<TopProcessesResponseDto> {
    return this.metrics.topProcesses(query.sort, query.limit);
  }

  @Get('services')
  @MetricRead('State of the services in MONITORED_SERVICES')
  @ApiOkResponse({ type: ServicesResponseDto })
  services(): Promise<ServicesResponseDto> {
    return this.metrics.services();
  }
}
