import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateFleetProbeDto } from './dto/create-fleet-probe.dto';
import { FleetProbeDto } from './dto/fleet-probe.dto';
import { FleetProbe } from './entities/fleet-probe.entity';
import { normaliseProbeUrl } from './fleet-url';

@Injectable()
export class FleetService {
  constructor(
    @InjectRepository(FleetProbe) private readonly probes: Repository<FleetProbe>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(): Promise<FleetProbeDto[]> {
    const rows = await this.probes.find({ order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toDto);
  }

  async add(input: CreateFleetProbeDto, userId: number | undefined): Promise<FleetProbeDto> {
    const baseUrl = normaliseProbeUrl(input.base_url);
    if (baseUrl === undefined) {
      throw new ApiError(400, ERROR_LABELS[400], "Le champ 'base_url' ne doit contenir ni identifiants, ni paramètres, ni fragment");
    }
    const saved = await this.unitOfWork.run(async (manager) => {
      if (await manager.exists(FleetProbe, { where: { baseUrl } })) {
        throw new ApiError(409, ERROR_LABELS[409], `Une sonde a déjà l'URL ${baseUrl}`);
      }
      return manager.save(manager.create(FleetProbe, { name: input.name, baseUrl, createdAt: new Date(), createdBy: userId ?? null }));
    });
    return toDto(saved);
  }

  async remove(id: number): Promise<void> {
    const result = await this.unitOfWork.run((manager) => manager.delete(FleetProbe, { id }));
    if (!result.affected) throw new ApiError(404, ERROR_LABELS[404], `Sonde ${id} introuvable`);
  }
}

function toDto(row: FleetProbe): FleetProbeDto {
  return { id: row.id, name: row.name, base_url: row.baseUrl, created_at: isoSeconds(row.createdAt) };
}
